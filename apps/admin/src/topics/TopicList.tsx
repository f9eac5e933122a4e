import { DataTable, List } from 'react-admin';

export const TopicList = () => (
  <List exporter={false} sort={{ field: 'name', order: 'ASC' }}>
    <DataTable>
      <DataTable.Col source="name" dir="auto" />
      <DataTable.Col source="slug" />
    </DataTable>
  </List>
);
