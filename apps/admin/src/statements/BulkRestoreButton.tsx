import { useState } from 'react';
import RestoreFromTrashIcon from '@mui/icons-material/RestoreFromTrash';
import { Button, fetchUtils, useListContext, useNotify, useRefresh, useUnselectAll } from 'react-admin';
import { readToken } from '../authProvider';

/** Brings the selected deleted statements back (`POST /api/statements/:id/restore`). */
export const BulkRestoreButton = () => {
  const { selectedIds, resource } = useListContext();
  const notify = useNotify();
  const refresh = useRefresh();
  const unselectAll = useUnselectAll(resource);
  const [busy, setBusy] = useState(false);
  const onClick = async () => {
    setBusy(true);
    try {
      for (const id of selectedIds) {
        await fetchUtils.fetchJson(`/api/statements/${id}/restore`, {
          method: 'POST',
          user: { authenticated: true, token: `Bearer ${readToken()}` },
        });
      }
      notify('resources.statements.notifications.restored', { messageArgs: { smart_count: selectedIds.length } });
      unselectAll();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
      refresh();
    }
  };
  return (
    <Button label="resources.statements.actions.restore" onClick={onClick} disabled={busy}>
      <RestoreFromTrashIcon />
    </Button>
  );
};
