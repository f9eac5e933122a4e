import { useState } from 'react';
import { Alert, AlertTitle, Box } from '@mui/material';
import { Edit, type HttpError, type RaRecord, useNotify, useRefresh, useTranslate } from 'react-admin';
import { StatementForm, statementPayload } from './StatementForm';

/**
 * Saves with the version the edit started from. When someone saved in between (409), the
 * form reloads their version and the text this editor tried to save stays on screen, so
 * neither edit is silently lost.
 */
export const StatementEdit = () => {
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
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
      {rejected && (
        <Alert severity="warning" onClose={() => setRejected(null)} sx={{ m: 2 }} data-testid="conflict">
          <AlertTitle>{translate('resources.statements.notifications.conflict')}</AlertTitle>
          {translate('resources.statements.notifications.your_version')}
          <Box component="blockquote" dir="auto" sx={{ m: 1, whiteSpace: 'pre-wrap' }}>
            {rejected.text}
          </Box>
        </Alert>
      )}
      <StatementForm />
    </Edit>
  );
};
