import {
  BooleanField,
  BooleanInput,
  Create,
  DataTable,
  Edit,
  List,
  PasswordInput,
  SearchInput,
  SelectField,
  SelectInput,
  SimpleForm,
  TextInput,
  email,
  required,
} from 'react-admin';
import { ROLES } from '@stance/common';

const roleChoices = ROLES.map((id) => ({ id, name: `resources.users.roles.${id}` }));

const userFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="role" source="role" choices={roleChoices} alwaysOn />,
  <SelectInput
    key="disabled"
    source="disabled"
    choices={[
      { id: false, name: 'ra.boolean.false' },
      { id: true, name: 'ra.boolean.true' },
    ]}
  />,
];

export const UserList = () => (
  <List filters={userFilters} exporter={false} sort={{ field: 'email', order: 'ASC' }}>
    <DataTable>
      <DataTable.Col source="email" />
      <DataTable.Col source="name" dir="auto" />
      <DataTable.Col source="role">
        <SelectField source="role" choices={roleChoices} />
      </DataTable.Col>
      <DataTable.Col source="disabled">
        <BooleanField source="disabled" />
      </DataTable.Col>
    </DataTable>
  </List>
);

const UserForm = ({ passwordRequired }: { passwordRequired?: boolean }) => (
  <SimpleForm defaultValues={{ role: 'analyst', disabled: false }}>
    <TextInput source="email" type="email" validate={[required(), email()]} />
    <TextInput source="name" validate={required()} slotProps={{ htmlInput: { dir: 'auto' } }} />
    <SelectInput source="role" choices={roleChoices} validate={required()} />
    <BooleanInput source="disabled" />
    <PasswordInput
      source="password"
      autoComplete="new-password"
      validate={passwordRequired ? required() : undefined}
      helperText={passwordRequired ? undefined : 'resources.users.helpers.password'}
    />
  </SimpleForm>
);

/** An empty password field means "keep the password". */
const withoutEmptyPassword = ({ password, ...data }: Record<string, unknown>) => (password ? { ...data, password } : data);

export const UserEdit = () => (
  <Edit mutationMode="pessimistic" transform={withoutEmptyPassword}>
    <UserForm />
  </Edit>
);

export const UserCreate = () => (
  <Create redirect="list">
    <UserForm passwordRequired />
  </Create>
);
