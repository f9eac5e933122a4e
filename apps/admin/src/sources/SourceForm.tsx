import { AutocompleteInput, Create, DateInput, Edit, SimpleForm, TextInput, required } from 'react-admin';
import { languageChoices } from '../common/languages';
import { StatementsOf } from '../common/StatementsOf';
import { HistoryPanel } from '../common/HistoryPanel';

const SourceForm = () => (
  <SimpleForm>
    <TextInput source="title" validate={required()} fullWidth slotProps={{ htmlInput: { dir: 'auto' } }} />
    <TextInput source="outlet" slotProps={{ htmlInput: { dir: 'auto' } }} />
    <TextInput source="credit" slotProps={{ htmlInput: { dir: 'auto' } }} />
    <TextInput source="url" type="url" fullWidth />
    <DateInput source="publishedAt" />
    <AutocompleteInput source="lang" choices={languageChoices} />
    <TextInput source="body" multiline minRows={4} fullWidth slotProps={{ htmlInput: { dir: 'auto' } }} />
  </SimpleForm>
);

export const SourceEdit = () => (
  <Edit mutationMode="pessimistic">
    <SourceForm />
    <StatementsOf target="sourceId" />
    <HistoryPanel />
  </Edit>
);

export const SourceCreate = () => (
  <Create redirect="list">
    <SourceForm />
  </Create>
);
