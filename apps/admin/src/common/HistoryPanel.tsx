import { Fragment, useState } from 'react';
import {
  Box,
  Button,
  Chip,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  List,
  ListItem,
  Typography,
} from '@mui/material';
import {
  useDataProvider,
  useGetList,
  useNotify,
  usePermissions,
  useRecordContext,
  useRefresh,
  useResourceContext,
  useResourceDefinition,
  useTranslate,
} from 'react-admin';
import { ChangeList, ChangeValue, shownChanges } from './ChangeList';
import { useFormat } from './format';
import { authorOf, recordAsOf, type AuditEntry } from './recordAsOf';

/** The author of an entry, or "Staff" / "System" when the reader may not know or there is none. */
export const AuthorLabel = ({ entry }: { entry: Pick<AuditEntry, 'userId' | 'userName' | 'userEmail'> }) => {
  const translate = useTranslate();
  const author = authorOf(entry);
  return <bdi>{author === 'staff' || author === 'system' ? translate(`resources.audit.history.${author}`) : author}</bdi>;
};

const ACTION_COLORS: Record<string, 'success' | 'info' | 'error' | 'warning'> = {
  create: 'success',
  update: 'info',
  delete: 'error',
  restore: 'warning',
};

/** The record as it was right after one entry, every field with its value then. */
const AsOfDialog = ({
  resource,
  record,
  entry,
  canRestore,
  onRestore,
  onClose,
}: {
  resource: string;
  record: Record<string, unknown>;
  entry: AuditEntry;
  canRestore: boolean;
  onRestore: () => void;
  onClose: () => void;
}) => {
  const translate = useTranslate();
  const { date } = useFormat();
  const fields = shownChanges(Object.fromEntries(Object.entries(record).map(([field, value]) => [field, [value, value]])));
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth data-testid="history-as-of">
      <DialogTitle>{translate('resources.audit.history.as_of', { at: date(entry.at, true) })}</DialogTitle>
      <DialogContent dividers>
        <Box
          component="dl"
          sx={{ m: 0, display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'max-content 1fr' }, columnGap: 2, rowGap: 0.5 }}
        >
          {fields.map(([field, [value]]) => (
            <Fragment key={field}>
              <Box component="dt" sx={{ fontWeight: 600 }}>
                {translate(`resources.${resource}.fields.${field}`, { _: field })}
              </Box>
              <Box component="dd" sx={{ m: 0, overflowWrap: 'anywhere' }}>
                <ChangeValue resource={resource} field={field} value={value} />
              </Box>
            </Fragment>
          ))}
        </Box>
      </DialogContent>
      <DialogActions>
        {canRestore && <Button onClick={onRestore}>{translate('resources.audit.history.restore')}</Button>}
        <Button onClick={onClose}>{translate('ra.action.close')}</Button>
      </DialogActions>
    </Dialog>
  );
};

/**
 * The audit trail of the record in view, newest first: who changed what and when, each changed
 * field as before → after, and per entry the record as it was right after it, which an editor can
 * restore (a normal update, with its own audit entry).
 */
export const HistoryPanel = () => {
  const record = useRecordContext();
  const resource = useResourceContext() ?? '';
  const { hasEdit } = useResourceDefinition();
  const { permissions } = usePermissions();
  const translate = useTranslate();
  const { date } = useFormat();
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const [viewing, setViewing] = useState<string | null>(null);
  const { data, isPending, error } = useGetList<AuditEntry>(
    'audit',
    {
      filter: { entityType: resource, entityId: record?.id },
      sort: { field: 'at', order: 'DESC' },
      pagination: { page: 1, perPage: 100 },
    },
    { enabled: Boolean(record?.id && resource) },
  );
  if (!record) return null;
  const entries = data ?? [];
  const viewed = viewing ? entries.find((entry) => entry.id === viewing) : undefined;
  const asOf = viewing ? recordAsOf(record, entries, viewing) : undefined;
  const canRestore = Boolean(hasEdit) && permissions !== 'analyst' && !record.deletedAt && viewing !== entries[0]?.id;

  const restore = async () => {
    if (!asOf) return;
    try {
      // The version as it was, sent as an edit of the current one (its `version`, when it has one).
      await dataProvider.update(resource, {
        id: record.id,
        data: { ...asOf, ...(record.version !== undefined ? { version: record.version } : {}), deletedAt: undefined },
        previousData: record,
      });
      notify('resources.audit.history.restored', { type: 'info' });
      setViewing(null);
      refresh();
    } catch (failure) {
      notify((failure as Error).message || 'ra.notification.http_error', { type: 'error' });
    }
  };

  return (
    <Box sx={{ p: 2 }} data-testid="history">
      <Typography variant="h6">{translate('resources.audit.history.title')}</Typography>
      {isPending && <CircularProgress size={24} />}
      {error && <Typography color="error">{translate('ra.notification.http_error')}</Typography>}
      {!isPending && !error && entries.length === 0 && (
        <Typography color="text.secondary">{translate('resources.audit.history.empty')}</Typography>
      )}
      <List dense disablePadding>
        {entries.map((entry) => (
          <ListItem key={entry.id} divider sx={{ display: 'block' }} data-testid="history-entry">
            <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
              <Chip
                size="small"
                color={ACTION_COLORS[entry.action] ?? 'default'}
                label={translate(`resources.audit.actions.${entry.action}`, { _: entry.action })}
              />
              <Typography variant="body2" component="span">
                <bdi>{date(entry.at, true)}</bdi>
              </Typography>
              <Typography variant="body2" component="span" color="text.secondary">
                <AuthorLabel entry={entry} />
              </Typography>
              <Button size="small" sx={{ marginInlineStart: 'auto' }} onClick={() => setViewing(entry.id)}>
                {translate('resources.audit.history.view_as_of')}
              </Button>
            </Box>
            <ChangeList changes={entry.changes} resource={resource} />
          </ListItem>
        ))}
      </List>
      {viewed && asOf && (
        <AsOfDialog
          resource={resource}
          record={asOf}
          entry={viewed}
          canRestore={canRestore}
          onRestore={restore}
          onClose={() => setViewing(null)}
        />
      )}
    </Box>
  );
};
