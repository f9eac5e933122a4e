import { useState } from 'react';
import { useListContext, useNotify, useRefresh, useUnselectAll } from 'react-admin';

/**
 * Runs a bulk action over the selected statements one request at a time (each write carries its
 * own `version`), then notifies with the count it returns, clears the selection and refreshes.
 * Returns whether the action succeeded.
 */
export const useBulkRun = () => {
  const { selectedIds, resource } = useListContext();
  const notify = useNotify();
  const refresh = useRefresh();
  const unselectAll = useUnselectAll(resource);
  const [busy, setBusy] = useState(false);
  const run = async (action: (ids: typeof selectedIds) => Promise<number>, message: string): Promise<boolean> => {
    setBusy(true);
    try {
      const count = await action(selectedIds);
      notify(message, { messageArgs: { smart_count: count } });
      unselectAll();
      return true;
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
      return false;
    } finally {
      setBusy(false);
      refresh();
    }
  };
  return { busy, run, resource };
};
