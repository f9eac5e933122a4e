import PublishIcon from '@mui/icons-material/Publish';
import { Button, useDataProvider } from 'react-admin';
import { useBulkRun } from './useBulkRun';

/**
 * Publishes the selected statements. Each PUT must carry the statement's current `version`,
 * so the records are read first (updateMany would send `{status}` alone).
 */
export const BulkPublishButton = () => {
  const dataProvider = useDataProvider();
  const { busy, run, resource } = useBulkRun();
  const onClick = () =>
    run(async (ids) => {
      const { data } = await dataProvider.getMany(resource, { ids });
      const drafts = data.filter((record) => record.status !== 'published');
      for (const record of drafts) {
        await dataProvider.update(resource, { id: record.id, data: { ...record, status: 'published' }, previousData: record });
      }
      return drafts.length;
    }, 'ra.notification.updated');
  return (
    <Button label="resources.statements.actions.publish" onClick={onClick} disabled={busy}>
      <PublishIcon />
    </Button>
  );
};
