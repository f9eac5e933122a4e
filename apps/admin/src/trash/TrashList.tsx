import { DataTable, List, useGetList, usePermissions, useRecordContext } from 'react-admin';
import { ActorPathField } from '../common/ActorPathField';
import { ClampedText } from '../common/ClampedText';
import { DateText } from '../common/DateText';
import { BulkRestoreButton } from '../statements/BulkRestoreButton';

/** Who deleted the statement: the user of its latest `delete` audit entry. */
const DeletedBy = () => {
  const record = useRecordContext();
  const { data: [entry] = [] } = useGetList(
    'audit',
    {
      filter: { entityType: 'statements', entityId: record?.id, action: 'delete' },
      sort: { field: 'at', order: 'DESC' },
      pagination: { page: 1, perPage: 1 },
    },
    { enabled: Boolean(record?.id) },
  );
  return entry ? <bdi>{entry.userName || entry.userEmail}</bdi> : null;
};

/** The deleted statements, newest deletion first; each opens read-only, editors restore them. */
export const TrashList = () => {
  const { permissions } = usePermissions();
  return (
    <List
      resource="statements"
      filter={{ deleted: true }}
      sort={{ field: 'updatedAt', order: 'DESC' }}
      title="resources.statements.trash.title"
      storeKey="statements.trash"
      disableSyncWithLocation
      actions={false}
      exporter={false}
      empty={false}
    >
      <DataTable
        rowClick={(id) => `/trash/${id}`}
        bulkActionButtons={permissions === 'analyst' ? false : <BulkRestoreButton />}
        storeKey="statements.trash.columns"
      >
        <DataTable.Col source="text" disableSort render={(record) => <ClampedText text={record.text} lang={record.lang} />} />
        <DataTable.Col source="actorName" label="resources.statements.fields.actorId" disableSort>
          <ActorPathField />
        </DataTable.Col>
        <DataTable.Col source="updatedAt" label="resources.statements.fields.deletedAt">
          <DateText source="deletedAt" withTime />
        </DataTable.Col>
        <DataTable.Col label="resources.statements.fields.deletedBy" disableSort>
          <DeletedBy />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};
