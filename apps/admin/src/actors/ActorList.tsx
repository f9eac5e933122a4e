import { DataTable, List, SelectField } from 'react-admin';
import { ACTOR_KINDS } from '@stance/common';

const kindChoices = ACTOR_KINDS.map((id) => ({ id, name: `resources.actors.kinds.${id}` }));

export const ActorList = () => (
  <List exporter={false} sort={{ field: 'name', order: 'ASC' }}>
    <DataTable>
      <DataTable.Col source="name" dir="auto" />
      <DataTable.Col source="kind">
        <SelectField source="kind" choices={kindChoices} />
      </DataTable.Col>
    </DataTable>
  </List>
);
