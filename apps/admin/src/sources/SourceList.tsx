import { DataTable, List } from 'react-admin';

export const SourceList = () => (
  <List exporter={false}>
    <DataTable>
      <DataTable.Col source="title" dir="auto" />
      <DataTable.Col source="outlet" dir="auto" />
    </DataTable>
  </List>
);
