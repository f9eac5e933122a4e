import { SearchInput, DataTable, List } from 'react-admin';
import { CreateAndExportActions } from '../common/ServerExportButton';

export const SourceList = () => (
  <List
    filters={[<SearchInput key="q" source="q" alwaysOn slotProps={{ htmlInput: { dir: 'auto' } }} />]}
    exporter={false}
    actions={<CreateAndExportActions path="sources/export.csv" fileName="sources.csv" />}
  >
    <DataTable>
      <DataTable.Col source="title" dir="auto" />
      <DataTable.Col source="outlet" dir="auto" />
    </DataTable>
  </List>
);
