import { Box, Typography } from '@mui/material';
import {
  ArrayInput,
  DataTable,
  ReferenceManyField,
  SelectField,
  useTranslate,
  AutocompleteInput,
  Create,
  DateInput,
  Edit,
  FormDataConsumer,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  SimpleFormIterator,
  TextArrayInput,
  TextInput,
  required,
  useRecordContext,
} from 'react-admin';
import { LangMapInput } from '../common/LangMapInput';
import { namesFormValues, namesPayload } from '../common/langMap';
import { StatementsOf } from '../common/StatementsOf';
import { HistoryPanel } from '../common/HistoryPanel';
import { kindChoices } from './ActorList';
import { LocalNameField } from '../common/LocalNameField';
import { useFormat } from '../common/format';

const byName = (q: string) => ({ q });

/** A person's statements are those they spoke; a body's, those spoken for it or any body below it. */
const ActorStatements = () => {
  const record = useRecordContext();
  return <StatementsOf target={record?.kind === 'person' ? 'speakerId' : 'actorId'} />;
};

/** The bodies directly below this one: browsing the tree downwards. */
const SubActors = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record || record.kind === 'person') return null;
  return (
    <Box sx={{ p: 2 }}>
      <Typography variant="h6">{translate('resources.actors.sections.children')}</Typography>
      <ReferenceManyField reference="actors" target="parentId" sort={{ field: 'name', order: 'ASC' }} perPage={100}>
        <DataTable bulkActionButtons={false}>
          <DataTable.Col source="name" render={(child) => <bdi>{child.name}</bdi>} />
          <DataTable.Col source="kind">
            <SelectField source="kind" choices={kindChoices} />
          </DataTable.Col>
        </DataTable>
      </ReferenceManyField>
    </Box>
  );
};

/** The people who hold or held a role at this body, each with the titles and dates of those roles. */
const RoleHolders = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  const { date } = useFormat();
  if (!record || record.kind === 'person') return null;
  return (
    <Box sx={{ p: 2 }} data-testid="role-holders">
      <Typography variant="h6">{translate('resources.actors.sections.people')}</Typography>
      <ReferenceManyField
        reference="actors"
        target="roleActorId"
        sort={{ field: 'name', order: 'ASC' }}
        perPage={100}
        empty={<Typography color="text.secondary">—</Typography>}
      >
        <DataTable bulkActionButtons={false}>
          <DataTable.Col source="name">
            <LocalNameField />
          </DataTable.Col>
          <DataTable.Col
            source="roles"
            disableSort
            render={(person) =>
              (person.roles ?? [])
                .filter((role: { actorId: string }) => role.actorId === record.id)
                .map((role: { title: string; from?: string | null; to?: string | null }) =>
                  [role.title, role.from ? `${date(role.from)} – ${role.to ? date(role.to) : ''}` : ''].filter(Boolean).join(', '),
                )
                .join('; ')
            }
          />
        </DataTable>
      </ReferenceManyField>
    </Box>
  );
};

const ActorForm = () => (
  <SimpleForm defaultValues={namesFormValues}>
    <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', width: '100%' }}>
      <TextInput source="name" validate={required()} slotProps={{ htmlInput: { dir: 'auto' } }} />
      <TextInput source="slug" validate={required()} />
      <SelectInput source="kind" choices={kindChoices} validate={required()} />
    </Box>
    <LangMapInput source="nameList" label="resources.actors.fields.names" />
    <TextArrayInput source="aliases" fullWidth />
    <FormDataConsumer>
      {({ formData }) =>
        formData.kind === 'person' ? (
          <ArrayInput source="roles">
            <SimpleFormIterator inline>
              <ReferenceInput source="actorId" reference="actors">
                <AutocompleteInput
                  label="resources.actors.fields.roleActor"
                  filterToQuery={byName}
                  validate={required()}
                  sx={{ width: { xs: '100%', sm: 360 } }}
                />
              </ReferenceInput>
              <TextInput source="title" label="resources.actors.fields.roleTitle" validate={required()} />
              <DateInput source="from" label="resources.actors.fields.from" />
              <DateInput source="to" label="resources.actors.fields.to" />
            </SimpleFormIterator>
          </ArrayInput>
        ) : (
          <ReferenceInput source="parentId" reference="actors">
            <AutocompleteInput filterToQuery={byName} sx={{ width: { xs: '100%', sm: 360 } }} />
          </ReferenceInput>
        )
      }
    </FormDataConsumer>
    <TextInput source="description" multiline fullWidth slotProps={{ htmlInput: { dir: 'auto' } }} />
  </SimpleForm>
);

export const ActorEdit = () => (
  <Edit mutationMode="pessimistic" transform={namesPayload}>
    <ActorForm />
    <SubActors />
    <RoleHolders />
    <ActorStatements />
    <HistoryPanel />
  </Edit>
);

export const ActorCreate = () => (
  <Create transform={namesPayload} redirect="edit">
    <ActorForm />
  </Create>
);
