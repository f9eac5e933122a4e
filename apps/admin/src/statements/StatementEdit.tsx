import { useState } from 'react';
import { Edit, type HttpError, useNotify, useRefresh } from 'react-admin';
import { HistoryPanel } from '../common/HistoryPanel';
import { DuplicatesPanel } from './DuplicatesPanel';
import { type Conflict, ConflictPanel } from './ConflictPanel';
import { StatementForm, statementPayload } from './StatementForm';

/**
 * Saves with the version the edit started from. When someone saved in between (409), the form
 * reloads their version and, above Save, the conflict panel sets this editor's version beside it
 * field by field, to keep, take or merge, and save again: neither edit is silently lost.
 */
export const StatementEdit = () => {
  const notify = useNotify();
  const refresh = useRefresh();
  const [conflict, setConflict] = useState<Conflict | null>(null);

  const onError = (error: unknown, variables: { data?: Record<string, unknown> }) => {
    const httpError = error as HttpError;
    if (httpError?.status === 409 && httpError.body?.current) {
      setConflict({ mine: variables?.data ?? {}, theirs: httpError.body.current });
      notify('resources.statements.conflict.title', { type: 'warning' });
      refresh();
      return;
    }
    notify(httpError?.body?.errors ? 'ra.message.invalid_form' : httpError?.message || 'ra.notification.http_error', { type: 'error' });
  };

  return (
    <Edit mutationMode="pessimistic" transform={statementPayload} mutationOptions={{ onError }} redirect="show">
      <StatementForm footer={conflict && <ConflictPanel conflict={conflict} onDone={() => setConflict(null)} />} />
      <DuplicatesPanel />
      <HistoryPanel />
    </Edit>
  );
};
