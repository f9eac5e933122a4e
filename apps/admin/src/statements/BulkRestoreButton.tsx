import RestoreFromTrashIcon from '@mui/icons-material/RestoreFromTrash';
import { Button, fetchUtils } from 'react-admin';
import { readToken } from '../authProvider';
import { useBulkRun } from './useBulkRun';

/** Brings the selected deleted statements back (`POST /api/statements/:id/restore`). */
export const BulkRestoreButton = () => {
  const { busy, run } = useBulkRun();
  const onClick = () =>
    run(async (ids) => {
      for (const id of ids) {
        await fetchUtils.fetchJson(`/api/statements/${id}/restore`, {
          method: 'POST',
          user: { authenticated: true, token: `Bearer ${readToken()}` },
        });
      }
      return ids.length;
    }, 'resources.statements.notifications.restored');
  return (
    <Button label="resources.statements.actions.restore" onClick={onClick} disabled={busy}>
      <RestoreFromTrashIcon />
    </Button>
  );
};
