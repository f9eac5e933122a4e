import { useState } from 'react';
import PublishIcon from '@mui/icons-material/Publish';
import { Button, useDataProvider, useListContext, useNotify, useRefresh, useUnselectAll } from 'react-admin';

/**
 * Publishes the selected statements. Each PUT must carry the statement's current `version`,
 * so the records are read first (updateMany would send `{status}` alone).
 */
export const BulkPublishButton = () => {
  const { selectedIds, resource } = useListContext();
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const unselectAll = useUnselectAll(resource);
  const [busy, setBusy] = useState(false);
  const onClick = async () => {
    setBusy(true);
    try {
      const { data } = await dataProvider.getMany(resource, { ids: selectedIds });
      const drafts = data.filter((record) => record.status !== 'published');
      for (const record of drafts) {
        await dataProvider.update(resource, { id: record.id, data: { ...record, status: 'published' }, previousData: record });
      }
      notify('ra.notification.updated', { messageArgs: { smart_count: drafts.length } });
      unselectAll();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
      refresh();
    }
  };
  return (
    <Button label="resources.statements.actions.publish" onClick={onClick} disabled={busy}>
      <PublishIcon />
    </Button>
  );
};
