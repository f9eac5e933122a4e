import { useState } from 'react';
import DownloadIcon from '@mui/icons-material/Download';
import { Button, CreateButton, TopToolbar, useListContext, useNotify, useResourceDefinition } from 'react-admin';
import { buildExportUrl, downloadCsv } from './csvExport';

/** Downloads the server's streamed CSV for the list's current filters and sort (not react-admin's in-browser exporter). */
export const ServerExportButton = ({ path, fileName, withSort = true }: { path: string; fileName: string; withSort?: boolean }) => {
  const { filterValues, sort, total } = useListContext();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const onClick = async () => {
    setBusy(true);
    try {
      await downloadCsv(buildExportUrl(path, { filter: filterValues, sort: withSort ? sort : undefined }), fileName);
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button label="ra.action.export" onClick={onClick} disabled={busy || total === 0}>
      <DownloadIcon />
    </Button>
  );
};

/** A list's actions when its filters are always shown: create (for those who may) and the server's CSV export. */
export const CreateAndExportActions = ({ path, fileName }: { path: string; fileName: string }) => (
  <TopToolbar>
    {useResourceDefinition().hasCreate && <CreateButton />}
    <ServerExportButton path={path} fileName={fileName} />
  </TopToolbar>
);
