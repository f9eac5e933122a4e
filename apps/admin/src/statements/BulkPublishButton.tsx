import PublishIcon from '@mui/icons-material/Publish';
import UnpublishedIcon from '@mui/icons-material/Unpublished';
import { Button, useDataProvider } from 'react-admin';
import { useBulkRun } from './useBulkRun';

/**
 * Publishes (or, with `status="draft"`, unpublishes) the selected statements. Each PUT must carry
 * the statement's current `version`, so the records are read first (updateMany would send
 * `{status}` alone); those already in that status are left alone, not rewritten.
 */
export const BulkPublishButton = ({ status = 'published' }: { status?: 'published' | 'draft' }) => {
  const dataProvider = useDataProvider();
  const { busy, run, resource } = useBulkRun();
  const onClick = () =>
    run(async (ids) => {
      const { data } = await dataProvider.getMany(resource, { ids });
      const changing = data.filter((record) => record.status !== status);
      for (const record of changing) {
        await dataProvider.update(resource, { id: record.id, data: { ...record, status }, previousData: record });
      }
      return changing.length;
    }, 'ra.notification.updated');
  return status === 'published' ? (
    <Button label="resources.statements.actions.publish" onClick={onClick} disabled={busy}>
      <PublishIcon />
    </Button>
  ) : (
    <Button label="resources.statements.actions.unpublish" onClick={onClick} disabled={busy}>
      <UnpublishedIcon />
    </Button>
  );
};
