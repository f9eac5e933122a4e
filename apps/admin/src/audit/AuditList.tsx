import { DataTable, Link, List, SelectField, SelectInput, TextInput } from 'react-admin';
import { ChangeList } from '../common/ChangeList';
import { DateText } from '../common/DateText';
import { Box } from '@mui/material';
import { usePermissions } from 'react-admin';
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

export const AuditList = () => {
  const { permissions } = usePermissions();
  return (
    <List filters={auditFilters(permissions)} exporter={false} sort={{ field: 'at', order: 'DESC' }}>
      <DataTable bulkActionButtons={false}>
        <DataTable.Col source="at">
          <DateText source="at" withTime />
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
                <Box component="span" sx={{ overflowWrap: 'anywhere' }}>
                  {entry.entityId}
                </Box>
              </Link>
            )
          }
        />
        <DataTable.Col
          source="changes"
          disableSort
          sx={{ minWidth: 240 }}
          render={(entry) => <ChangeList changes={entry.changes} resource={entry.entityType} />}
        />
      </DataTable>
    </List>
  );
};
