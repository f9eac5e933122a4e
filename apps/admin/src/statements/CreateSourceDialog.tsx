import { useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField } from '@mui/material';
import { useCreate, useCreateSuggestionContext, useNotify, useTranslate } from 'react-admin';

/** Creates a source from the statement form's source autocomplete, without leaving the form. */
export const CreateSourceDialog = () => {
  const { filter, onCancel, onCreate } = useCreateSuggestionContext();
  const translate = useTranslate();
  const notify = useNotify();
  const [create, { isPending }] = useCreate();
  const [values, setValues] = useState({ title: filter ?? '', outlet: '', url: '', publishedAt: '', lang: '', credit: '' });
  const set = (key: keyof typeof values) => (event: React.ChangeEvent<HTMLInputElement>) =>
    setValues({ ...values, [key]: event.target.value });
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const data = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, value.trim() || null]));
    create(
      'sources',
      { data },
      {
        onSuccess: (source) => onCreate(source),
        onError: (error) => notify((error as Error).message, { type: 'error' }),
      },
    );
  };
  const field = (key: keyof typeof values, extra: Record<string, unknown> = {}) => (
    <TextField
      key={key}
      name={key}
      label={translate(`resources.sources.fields.${key}`)}
      value={values[key]}
      onChange={set(key)}
      fullWidth
      margin="dense"
      slotProps={{ htmlInput: { dir: 'auto' }, inputLabel: { shrink: true } }}
      {...extra}
    />
  );
  return (
    <Dialog open onClose={onCancel} fullWidth>
      <form onSubmit={submit}>
        <DialogTitle>{translate('resources.sources.actions.create_inline')}</DialogTitle>
        <DialogContent>
          {field('title', { required: true, autoFocus: true })}
          {field('outlet')}
          {field('credit')}
          {field('url', { type: 'url' })}
          {field('publishedAt', { type: 'date' })}
          {field('lang')}
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel}>{translate('ra.action.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={isPending || !values.title.trim()}>
            {translate('ra.action.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
