import { AutocompleteInput, Create, Edit, ReferenceInput, SimpleForm, TextInput, required } from 'react-admin';
import { LangMapInput } from '../common/LangMapInput';
import { namesFormValues, namesPayload } from '../common/langMap';
import { StatementsOf } from '../common/StatementsOf';

const TopicForm = () => (
  <SimpleForm defaultValues={namesFormValues}>
    <TextInput source="name" validate={required()} slotProps={{ htmlInput: { dir: 'auto' } }} />
    <TextInput source="slug" validate={required()} />
    <LangMapInput source="nameList" label="resources.topics.fields.names" />
    <ReferenceInput source="parentId" reference="topics">
      <AutocompleteInput filterToQuery={(q) => ({ q })} sx={{ minWidth: 300 }} />
    </ReferenceInput>
    <TextInput source="description" multiline fullWidth slotProps={{ htmlInput: { dir: 'auto' } }} />
  </SimpleForm>
);

export const TopicEdit = () => (
  <Edit mutationMode="pessimistic" transform={namesPayload}>
    <TopicForm />
    <StatementsOf target="topicId" />
  </Edit>
);

export const TopicCreate = () => (
  <Create transform={namesPayload} redirect="list">
    <TopicForm />
  </Create>
);
