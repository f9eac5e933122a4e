import { SearchInput, DataTable, DateField, List } from 'react-admin';

export const EventList = () => (
  <List
    filters={[<SearchInput key="q" source="q" alwaysOn slotProps={{ htmlInput: { dir: 'auto' } }} />]}
    exporter={false}
    sort={{ field: 'startDate', order: 'DESC' }}
  >
    <DataTable>
      <DataTable.Col source="name" dir="auto" />
      <DataTable.Col source="startDate">
        <DateField source="startDate" />
      </DataTable.Col>
    </DataTable>
  </List>
);
