import { Fragment, useState } from 'react';
import { Alert, AlertTitle, Box } from '@mui/material';
import { Edit, type HttpError, type RaRecord, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { HistoryPanel } from '../common/HistoryPanel';
import { DuplicatesPanel } from './DuplicatesPanel';
import { StatementForm, statementPayload } from './StatementForm';

const COMPARED = [
  'text',
  'lang',
  'originalLang',
  'kind',
  'channel',
  'saidOn',
  'status',
  'notes',
  'speakerId',
  'actorId',
  'sourceId',
  'eventId',
];
const shown = (value: unknown) => (value === null || value === undefined || value === '' ? '∅' : String(value));

/** The fields where the rejected edit differs from the version now in the form, with the value this editor wanted. */
const ConflictNotice = ({ rejected, onClose }: { rejected: Partial<RaRecord>; onClose: () => void }) => {
  const current = useRecordContext();
  const translate = useTranslate();
  const differing = COMPARED.filter((field) => shown(rejected[field]) !== shown(current?.[field]));
  return (
    <Alert severity="warning" onClose={onClose} sx={{ m: 2 }} data-testid="conflict">
      <AlertTitle>{translate('resources.statements.notifications.conflict')}</AlertTitle>
      {translate('resources.statements.notifications.your_version')}
      <Box component="dl" sx={{ m: 1, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2 }}>
        {differing.map((field) => (
          <Fragment key={field}>
            <Box component="dt" sx={{ fontWeight: 600 }}>
              {translate(`resources.statements.fields.${field}`)}
            </Box>
            <Box component="dd" dir="auto" sx={{ m: 0, whiteSpace: 'pre-wrap' }}>
              {shown(rejected[field])}
            </Box>
          </Fragment>
        ))}
      </Box>
    </Alert>
  );
};

/**
 * Saves with the version the edit started from. When someone saved in between (409), the
 * form reloads their version and the text this editor tried to save stays on screen, so
 * neither edit is silently lost.
 */
export const StatementEdit = () => {
  const notify = useNotify();
  const refresh = useRefresh();
  const [rejected, setRejected] = useState<Partial<RaRecord> | null>(null);

  const onError = (error: unknown, variables: { data?: Partial<RaRecord> }) => {
    const httpError = error as HttpError;
    if (httpError?.status === 409) {
      setRejected(variables?.data ?? null);
      notify('resources.statements.notifications.conflict', { type: 'warning', autoHideDuration: 10000 });
      refresh();
      return;
    }
    notify(httpError?.message || 'ra.notification.http_error', { type: 'error' });
  };

  return (
    <Edit mutationMode="pessimistic" transform={statementPayload} mutationOptions={{ onError }} redirect="show">
      {rejected && <ConflictNotice rejected={rejected} onClose={() => setRejected(null)} />}
      <StatementForm />
      <DuplicatesPanel />
      <HistoryPanel />
    </Edit>
  );
};
