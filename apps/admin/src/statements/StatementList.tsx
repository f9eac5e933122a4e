import { DataTable, DateField, List, SelectField } from 'react-admin';
import { STATUSES } from '@stance/common';

const statusChoices = STATUSES.map((id) => ({ id, name: `resources.statements.statuses.${id}` }));

export const StatementList = () => (
  <List exporter={false} sort={{ field: 'saidOn', order: 'DESC' }}>
    <DataTable>
      <DataTable.Col
        source="text"
        render={(record) => (
          <span dir="auto" lang={record.lang}>
            {record.text}
          </span>
        )}
      />
      <DataTable.Col source="saidOn">
        <DateField source="saidOn" />
      </DataTable.Col>
      <DataTable.Col source="status">
        <SelectField source="status" choices={statusChoices} />
      </DataTable.Col>
    </DataTable>
  </List>
);
