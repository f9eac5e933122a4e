import { Create, DateInput, Edit, SimpleForm, TextInput, required } from 'react-admin';
import { LangMapInput } from '../common/LangMapInput';
import { namesFormValues, namesPayload } from '../common/langMap';
import { StatementsOf } from '../common/StatementsOf';

const EventForm = () => (
  <SimpleForm defaultValues={namesFormValues}>
    <TextInput source="name" validate={required()} fullWidth slotProps={{ htmlInput: { dir: 'auto' } }} />
    <LangMapInput source="nameList" label="resources.events.fields.names" />
    <DateInput source="startDate" />
    <DateInput source="endDate" />
    <TextInput source="description" multiline fullWidth slotProps={{ htmlInput: { dir: 'auto' } }} />
  </SimpleForm>
);

export const EventEdit = () => (
  <Edit mutationMode="pessimistic" transform={namesPayload}>
    <EventForm />
    <StatementsOf target="eventId" />
  </Edit>
);

export const EventCreate = () => (
  <Create transform={namesPayload} redirect="list">
    <EventForm />
  </Create>
);
