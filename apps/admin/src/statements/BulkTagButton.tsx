import { useState } from 'react';
import { Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import LocalOfferIcon from '@mui/icons-material/LocalOffer';
import {
  AutocompleteArrayInput,
  Button,
  Form,
  ReferenceArrayInput,
  SaveButton,
  useDataProvider,
  useListContext,
  useNotify,
  useRefresh,
  useTranslate,
  useUnselectAll,
} from 'react-admin';

/** Adds tags to every selected statement (each PUT with the statement's own version and its tags kept). */
export const BulkTagButton = () => {
  const { selectedIds, resource } = useListContext();
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const unselectAll = useUnselectAll(resource);
  const [open, setOpen] = useState(false);

  const onSubmit = async (values: Record<string, unknown>) => {
    const added = (values.tagIds as string[] | undefined) ?? [];
    if (added.length === 0) return setOpen(false);
    try {
      const { data } = await dataProvider.getMany(resource, { ids: selectedIds });
      for (const record of data) {
        const tagIds = [...new Set([...(record.tagIds ?? []), ...added])];
        await dataProvider.update(resource, { id: record.id, data: { ...record, tagIds }, previousData: record });
      }
      notify('ra.notification.updated', { messageArgs: { smart_count: data.length } });
      unselectAll();
      setOpen(false);
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      refresh();
    }
  };

  return (
    <>
      <Button label="resources.statements.actions.tag" onClick={() => setOpen(true)}>
        <LocalOfferIcon />
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth>
        <Form onSubmit={onSubmit}>
          <DialogTitle>{translate('resources.statements.actions.tag')}</DialogTitle>
          <DialogContent>
            <ReferenceArrayInput source="tagIds" reference="tags">
              <AutocompleteArrayInput filterToQuery={(q) => ({ q })} />
            </ReferenceArrayInput>
          </DialogContent>
          <DialogActions>
            <Button label="ra.action.cancel" onClick={() => setOpen(false)} />
            <SaveButton label="resources.statements.actions.tag" alwaysEnable />
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
};
