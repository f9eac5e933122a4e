import { SearchInput, DataTable, List } from 'react-admin';

export const TopicList = () => (
  <List
    filters={[<SearchInput key="q" source="q" alwaysOn slotProps={{ htmlInput: { dir: 'auto' } }} />]}
    exporter={false}
    sort={{ field: 'name', order: 'ASC' }}
  >
    <DataTable>
      <DataTable.Col source="name" dir="auto" />
      <DataTable.Col source="slug" />
    </DataTable>
  </List>
);
