import { Box, Chip } from '@mui/material';
import {
  BulkDeleteButton,
  CreateButton,
  DataTable,
  DateField,
  FilterButton,
  List,
  SelectField,
  TopToolbar,
  usePermissions,
  useResourceDefinition,
  useListContext,
  useRecordContext,
} from 'react-admin';
import { ActorPathField } from '../common/ActorPathField';
import { HighlightedText } from '../common/HighlightedText';
import { ServerExportButton } from '../common/ServerExportButton';
import { StanceChip } from '../common/StanceChip';
import { BulkPublishButton } from './BulkPublishButton';
import { BulkRestoreButton } from './BulkRestoreButton';
import { BulkTagButton } from './BulkTagButton';
import { statementFilters, statusChoices } from './statementFilters';

interface Stance {
  value: number;
  targetName?: string;
}

const ListActions = () => (
  <TopToolbar>
    <FilterButton />
    {useResourceDefinition().hasCreate && <CreateButton />}
    <ServerExportButton path="statements/export.csv" fileName="statements.csv" />
  </TopToolbar>
);

/** In the trash (`deleted: true`) the only action is to restore. */
const BulkActions = () =>
  useListContext().filterValues.deleted ? (
    <BulkRestoreButton />
  ) : (
    <>
      <BulkTagButton />
      <BulkPublishButton />
      <BulkDeleteButton mutationMode="pessimistic" />
    </>
  );

const StancesField = () => {
  const record = useRecordContext();
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap' }}>
      {(record?.stances ?? []).map((stance: Stance, index: number) => (
        <StanceChip key={index} value={stance.value} target={stance.targetName} />
      ))}
    </Box>
  );
};

const TagsField = () => {
  const record = useRecordContext();
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap' }}>
      {(record?.tags ?? []).map((tag: { id: string; name: string }) => (
        <Chip key={tag.id} size="small" variant="outlined" label={<bdi>{tag.name}</bdi>} sx={{ m: 0.25 }} />
      ))}
    </Box>
  );
};

export const StatementList = () => {
  const { permissions } = usePermissions();
  return (
    <List
      filters={statementFilters}
      filter={{ highlight: true }}
      actions={<ListActions />}
      sort={{ field: 'saidOn', order: 'DESC' }}
      exporter={false}
    >
      <DataTable rowClick="show" bulkActionButtons={permissions === 'analyst' ? false : <BulkActions />}>
        <DataTable.Col
          source="text"
          disableSort
          render={(record) => (
            <Box component="span" dir="auto" lang={record.lang} sx={{ display: 'block', unicodeBidi: 'isolate', maxWidth: 520 }}>
              <HighlightedText html={record.highlight?.text} text={record.text} />
              {Object.entries((record.highlight?.translations ?? {}) as Record<string, string>).map(([lang, html]) => (
                <Box
                  key={lang}
                  component="span"
                  dir="auto"
                  lang={lang}
                  sx={{ display: 'block', color: 'text.secondary', fontSize: '0.85em' }}
                >
                  {lang}: <HighlightedText html={html} text="" />
                </Box>
              ))}
            </Box>
          )}
        />
        <DataTable.Col source="actorName" label="resources.statements.fields.actorId">
          <ActorPathField />
        </DataTable.Col>
        <DataTable.Col source="saidOn">
          <DateField source="saidOn" />
        </DataTable.Col>
        <DataTable.Col source="stances" disableSort>
          <StancesField />
        </DataTable.Col>
        <DataTable.Col source="tags" disableSort>
          <TagsField />
        </DataTable.Col>
        <DataTable.Col source="lang" />
        <DataTable.Col source="status">
          <SelectField source="status" choices={statusChoices} />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};
