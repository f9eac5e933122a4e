import { DataTable, DateField, List } from 'react-admin';

export const EventList = () => (
  <List exporter={false} sort={{ field: 'startDate', order: 'DESC' }}>
    <DataTable>
      <DataTable.Col source="name" dir="auto" />
      <DataTable.Col source="startDate">
        <DateField source="startDate" />
      </DataTable.Col>
    </DataTable>
  </List>
);
