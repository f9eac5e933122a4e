import { SearchInput, DataTable, List } from 'react-admin';
import { LocalNameField } from '../common/LocalNameField';
import { CreateAndExportActions } from '../common/ServerExportButton';

export const TopicList = () => (
  <List
    filters={[<SearchInput key="q" source="q" alwaysOn slotProps={{ htmlInput: { dir: 'auto' } }} />]}
    exporter={false}
    sort={{ field: 'name', order: 'ASC' }}
    actions={<CreateAndExportActions path="topics/export.csv" fileName="topics.csv" />}
  >
    <DataTable>
      <DataTable.Col source="name">
        <LocalNameField />
      </DataTable.Col>
      <DataTable.Col source="slug" />
    </DataTable>
  </List>
);
