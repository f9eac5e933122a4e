import { SearchInput, DataTable, List } from 'react-admin';
import { LocalNameField } from '../common/LocalNameField';
import { DateText } from '../common/DateText';

export const EventList = () => (
  <List
    filters={[<SearchInput key="q" source="q" alwaysOn slotProps={{ htmlInput: { dir: 'auto' } }} />]}
    exporter={false}
    sort={{ field: 'startDate', order: 'DESC' }}
  >
    <DataTable>
      <DataTable.Col source="name">
        <LocalNameField />
      </DataTable.Col>
      <DataTable.Col source="startDate">
        <DateText source="startDate" />
      </DataTable.Col>
    </DataTable>
  </List>
);
