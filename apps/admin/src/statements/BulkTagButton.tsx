import { useState } from 'react';
import { Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import LocalOfferIcon from '@mui/icons-material/LocalOffer';
import { AutocompleteArrayInput, Button, Form, ReferenceArrayInput, SaveButton, useDataProvider, useTranslate } from 'react-admin';
import { useBulkRun } from './useBulkRun';

/** Adds tags to every selected statement (each PUT with the statement's own version and its tags kept). */
export const BulkTagButton = () => {
  const dataProvider = useDataProvider();
  const translate = useTranslate();
  const { run, resource } = useBulkRun();
  const [open, setOpen] = useState(false);

  const onSubmit = async (values: Record<string, unknown>) => {
    const added = (values.tagIds as string[] | undefined) ?? [];
    if (added.length === 0) return setOpen(false);
    const done = await run(async (ids) => {
      const { data } = await dataProvider.getMany(resource, { ids });
      for (const record of data) {
        const tagIds = [...new Set([...(record.tagIds ?? []), ...added])];
        await dataProvider.update(resource, { id: record.id, data: { ...record, tagIds }, previousData: record });
      }
      return data.length;
    }, 'ra.notification.updated');
    if (done) setOpen(false);
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
