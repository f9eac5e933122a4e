import { Box } from '@mui/material';
import { AutocompleteInput, DataTable, List, ReferenceInput, SearchInput, SelectField, SelectInput } from 'react-admin';
import { ACTOR_KINDS } from '@stance/common';
import { ActorPathField } from '../common/ActorPathField';
import { LocalNameField } from '../common/LocalNameField';
import { CreateAndExportActions } from '../common/ServerExportButton';

export const kindChoices = ACTOR_KINDS.map((id) => ({ id, name: `resources.actors.kinds.${id}` }));

const actorFilters = [
  <SearchInput key="q" source="q" alwaysOn slotProps={{ htmlInput: { dir: 'auto' } }} />,
  <SelectInput key="kind" source="kind" choices={kindChoices} alwaysOn />,
  <ReferenceInput key="parentId" source="parentId" reference="actors" alwaysOn>
    <AutocompleteInput label="resources.actors.fields.parentId" filterToQuery={(q) => ({ q })} sx={{ minWidth: 220 }} />
  </ReferenceInput>,
];

/** Actors indented by their depth in the hierarchy, each with its path from the top. */
export const ActorList = () => (
  <List
    filters={actorFilters}
    exporter={false}
    sort={{ field: 'name', order: 'ASC' }}
    actions={<CreateAndExportActions path="actors/export.csv" fileName="actors.csv" />}
  >
    <DataTable>
      <DataTable.Col
        source="name"
        render={(record) => (
          <Box component="span" dir="auto" sx={{ display: 'inline-block', paddingInlineStart: `${(record.depth ?? 0) * 24}px` }}>
            {(record.depth ?? 0) > 0 && '└ '}
            <LocalNameField />
          </Box>
        )}
      />
      <DataTable.Col source="kind">
        <SelectField source="kind" choices={kindChoices} />
      </DataTable.Col>
      <DataTable.Col source="depth" label="resources.actors.fields.path">
        <ActorPathField source="path" fallback="name" idSource="id" />
      </DataTable.Col>
    </DataTable>
  </List>
);
