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
import { useGetList, useLocale, useRecordContext, useResourceContext, useTranslate } from 'react-admin';
import { ChangeList } from './ChangeList';
import { recordAsOf, type AuditEntry } from './recordAsOf';

const ACTION_COLORS: Record<string, 'success' | 'info' | 'error' | 'warning'> = {
  create: 'success',
  update: 'info',
  delete: 'error',
  restore: 'warning',
};

const shown = (value: unknown): string =>
  value === null || value === undefined || value === '' ? '∅' : typeof value === 'string' ? value : JSON.stringify(value);

const when = (at: string, locale: string) => {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? at : date.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'medium' });
};

/** A field label for `resource`, falling back to the field's own name. */
const useFieldLabel = (resource: string) => {
  const translate = useTranslate();
  return (field: string) => translate(`resources.${resource}.fields.${field}`, { _: field });
};

/** The record as it was right after one entry, every field with its value then. */
const AsOfDialog = ({
  resource,
  record,
  entry,
  onClose,
}: {
  resource: string;
  record: Record<string, unknown>;
  entry: AuditEntry;
  onClose: () => void;
}) => {
  const translate = useTranslate();
  const locale = useLocale();
  const label = useFieldLabel(resource);
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth data-testid="history-as-of">
      <DialogTitle>{translate('resources.audit.history.as_of', { at: when(entry.at, locale) })}</DialogTitle>
      <DialogContent dividers>
        <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5 }}>
          {Object.entries(record).map(([field, value]) => (
            <Fragment key={field}>
              <Box component="dt" sx={{ fontWeight: 600 }}>
                {label(field)}
              </Box>
              <Box component="dd" dir="auto" sx={{ m: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {shown(value)}
              </Box>
            </Fragment>
          ))}
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.close')}</Button>
      </DialogActions>
    </Dialog>
  );
};

/**
 * The audit trail of the record in view, newest first: who changed what and when, each changed
 * field as before → after, and per entry the record as it was right after it.
 */
export const HistoryPanel = () => {
  const record = useRecordContext();
  const resource = useResourceContext() ?? '';
  const translate = useTranslate();
  const locale = useLocale();
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
                {when(entry.at, locale)}
              </Typography>
              <Typography variant="body2" component="span" color="text.secondary">
                <bdi>{entry.userName || entry.userEmail || translate('resources.audit.history.system')}</bdi>
              </Typography>
              <Button size="small" sx={{ marginInlineStart: 'auto' }} onClick={() => setViewing(entry.id)}>
                {translate('resources.audit.history.view_as_of')}
              </Button>
            </Box>
            <ChangeList changes={entry.changes} resource={resource} />
          </ListItem>
        ))}
      </List>
      {viewed && asOf && <AsOfDialog resource={resource} record={asOf} entry={viewed} onClose={() => setViewing(null)} />}
    </Box>
  );
};
