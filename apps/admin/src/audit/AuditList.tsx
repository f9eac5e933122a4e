import { Box } from '@mui/material';
import { DataTable, DateField, Link, List, SelectField, SelectInput, TextInput, usePermissions, useRecordContext } from 'react-admin';
import { AuthorLabel } from '../common/HistoryPanel';
import { AUDIT_ACTIONS } from '@stance/common';

const ENTITY_TYPES = ['actors', 'statements', 'sources', 'topics', 'tags', 'events', 'relations', 'users'];
const actionChoices = AUDIT_ACTIONS.map((id) => ({ id, name: `resources.audit.actions.${id}` }));
const entityChoices = ENTITY_TYPES.map((id) => ({ id, name: `resources.audit.entities.${id}` }));

/** Analysts may not filter the trail by user (the API answers 403). */
const auditFilters = (permissions: unknown) => [
  <SelectInput key="entityType" source="entityType" choices={entityChoices} alwaysOn />,
  <SelectInput key="action" source="action" choices={actionChoices} alwaysOn />,
  <TextInput key="entityId" source="entityId" />,
  ...(permissions === 'editor' || permissions === 'admin' ? [<TextInput key="userId" source="userId" />] : []),
];

/** `field: before → after` for each changed field. */
const ChangesField = () => {
  const record = useRecordContext();
  const changes = (record?.changes ?? {}) as Record<string, [unknown, unknown]>;
  const show = (value: unknown) =>
    value === null || value === undefined ? '∅' : typeof value === 'string' ? value : JSON.stringify(value);
  return (
    <Box component="ul" sx={{ m: 0, ps: 2, fontSize: '0.8rem' }}>
      {Object.entries(changes).map(([field, pair]) => (
        <li key={field}>
          <strong>{field}</strong>: <bdi>{show(Array.isArray(pair) ? pair[0] : undefined)}</bdi> →{' '}
          <bdi>{show(Array.isArray(pair) ? pair[1] : pair)}</bdi>
        </li>
      ))}
    </Box>
  );
};

export const AuditList = () => {
  const { permissions } = usePermissions();
  return (
    <List filters={auditFilters(permissions)} exporter={false} sort={{ field: 'at', order: 'DESC' }}>
      <DataTable bulkActionButtons={false}>
        <DataTable.Col source="at">
          <DateField source="at" showTime />
        </DataTable.Col>
        <DataTable.Col source="userName" disableSort render={(entry) => <AuthorLabel entry={entry} />} />
        <DataTable.Col source="action">
          <SelectField source="action" choices={actionChoices} />
        </DataTable.Col>
        <DataTable.Col source="entityType">
          <SelectField source="entityType" choices={entityChoices} />
        </DataTable.Col>
        <DataTable.Col
          source="entityId"
          render={(entry) =>
            entry.entityType === 'relations' ? (
              entry.entityId
            ) : (
              <Link
                to={`/${entry.entityType}/${entry.entityId}${entry.entityType === 'statements' ? '/show' : ''}`}
                onClick={(event: React.MouseEvent) => event.stopPropagation()}
              >
                {entry.entityId}
              </Link>
            )
          }
        />
        <DataTable.Col source="changes" disableSort>
          <ChangesField />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};
