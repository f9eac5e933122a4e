import { SearchInput, DataTable, List } from 'react-admin';

export const SourceList = () => (
  <List filters={[<SearchInput key="q" source="q" alwaysOn slotProps={{ htmlInput: { dir: 'auto' } }} />]} exporter={false}>
    <DataTable>
      <DataTable.Col source="title" dir="auto" />
      <DataTable.Col source="outlet" dir="auto" />
    </DataTable>
  </List>
);
