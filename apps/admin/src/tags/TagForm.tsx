import { Create, Edit, SimpleForm, TextInput, required } from 'react-admin';
import { StatementsOf } from '../common/StatementsOf';

const TagForm = () => (
  <SimpleForm>
    <TextInput source="name" validate={required()} slotProps={{ htmlInput: { dir: 'auto' } }} />
    <TextInput source="slug" validate={required()} />
  </SimpleForm>
);

export const TagEdit = () => (
  <Edit mutationMode="pessimistic">
    <TagForm />
    <StatementsOf target="tagId" />
  </Edit>
);

export const TagCreate = () => (
  <Create redirect="list">
    <TagForm />
  </Create>
);
