import { useState } from 'react';
import { Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import LocalOfferIcon from '@mui/icons-material/LocalOffer';
import LabelOffIcon from '@mui/icons-material/LabelOff';
import { AutocompleteArrayInput, Button, Form, ReferenceArrayInput, SaveButton, useDataProvider, useTranslate } from 'react-admin';
import { slugify } from '../common/slug';
import { useBulkRun } from './useBulkRun';

/**
 * Adds tags to every selected statement (a new tag can be typed in and is created), or with
 * `remove` takes them off. Each PUT carries the statement's own version; a statement whose tags
 * would not change is not written.
 */
export const BulkTagButton = ({ remove = false }: { remove?: boolean }) => {
  const dataProvider = useDataProvider();
  const translate = useTranslate();
  const { run, resource } = useBulkRun();
  const [open, setOpen] = useState(false);
  const label = remove ? 'resources.statements.actions.untag' : 'resources.statements.actions.tag';

  const createTag = async (name?: string) => {
    if (!name?.trim()) return undefined;
    const { data } = await dataProvider.create('tags', { data: { name: name.trim(), slug: slugify(name) } });
    return data;
  };

  const onSubmit = async (values: Record<string, unknown>) => {
    const chosen = (values.tagIds as string[] | undefined) ?? [];
    if (chosen.length === 0) return setOpen(false);
    const done = await run(async (ids) => {
      const { data } = await dataProvider.getMany(resource, { ids });
      let changed = 0;
      for (const record of data) {
        const before: string[] = record.tagIds ?? [];
        const tagIds = remove ? before.filter((id) => !chosen.includes(id)) : [...new Set([...before, ...chosen])];
        if (tagIds.length === before.length) continue;
        await dataProvider.update(resource, { id: record.id, data: { ...record, tagIds }, previousData: record });
        changed++;
      }
      return changed;
    }, 'ra.notification.updated');
    if (done) setOpen(false);
  };

  return (
    <>
      <Button label={label} onClick={() => setOpen(true)}>
        {remove ? <LabelOffIcon /> : <LocalOfferIcon />}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth>
        <Form onSubmit={onSubmit}>
          <DialogTitle>{translate(label)}</DialogTitle>
          <DialogContent>
            <ReferenceArrayInput source="tagIds" reference="tags">
              <AutocompleteArrayInput filterToQuery={(q) => ({ q })} onCreate={remove ? undefined : createTag} />
            </ReferenceArrayInput>
          </DialogContent>
          <DialogActions>
            <Button label="ra.action.cancel" onClick={() => setOpen(false)} />
            <SaveButton label={label} alwaysEnable />
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
};
