import { Box, Chip, type Theme, useMediaQuery } from '@mui/material';
import {
  BulkDeleteButton,
  ColumnsButton,
  CreateButton,
  DataTable,
  FilterButton,
  List,
  SelectField,
  SimpleList,
  TopToolbar,
  usePermissions,
  useResourceDefinition,
  useListContext,
  useRecordContext,
} from 'react-admin';
import { ActorPathField } from '../common/ActorPathField';
import { HighlightedText } from '../common/HighlightedText';
import { KeyboardRows } from '../common/KeyboardRows';
import { RefName } from '../common/RefName';
import { ClampedText } from '../common/ClampedText';
import { DateText } from '../common/DateText';
import { useFormat } from '../common/format';
import { ServerExportButton } from '../common/ServerExportButton';
import { StanceChip } from '../common/StanceChip';
import { BulkPublishButton } from './BulkPublishButton';
import { BulkRestoreButton } from './BulkRestoreButton';
import { BulkTagButton } from './BulkTagButton';
import { statementFilters, statusChoices } from './statementFilters';

interface Stance {
  value: number;
  targetName?: string;
  targetActorId?: string | null;
  targetTopicId?: string | null;
}

/** Wraps rather than overflows, so Create and Export stay on screen at any width. */
const ListActions = ({ columns }: { columns: boolean }) => (
  <TopToolbar sx={{ flexWrap: 'wrap', minHeight: 'auto' }}>
    <FilterButton />
    {columns && <ColumnsButton storeKey={COLUMNS_STORE_KEY} />}
    {useResourceDefinition().hasCreate && <CreateButton />}
    <ServerExportButton path="statements/export.csv" fileName="statements.csv" />
  </TopToolbar>
);

/** Where the chosen and ordered columns are remembered (react-admin's store, kept in localStorage). */
const COLUMNS_STORE_KEY = 'statements.list.columns';

/** In the trash (`deleted: true`) the only action is to restore. */
const BulkActions = () =>
  useListContext().filterValues.deleted ? (
    <BulkRestoreButton />
  ) : (
    <>
      <BulkTagButton />
      <BulkTagButton remove />
      <BulkPublishButton />
      <BulkPublishButton status="draft" />
      <BulkDeleteButton mutationMode="pessimistic" />
    </>
  );

const StancesField = () => {
  const record = useRecordContext();
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', minWidth: 0 }}>
      {(record?.stances ?? []).map((stance: Stance, index: number) => (
        <StanceChip
          key={index}
          value={stance.value}
          target={
            <RefName
              resource={stance.targetActorId ? 'actors' : 'topics'}
              id={stance.targetActorId ?? stance.targetTopicId}
              fallback={stance.targetName}
            />
          }
          compact
        />
      ))}
    </Box>
  );
};

const TagsField = () => {
  const record = useRecordContext();
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap' }}>
      {(record?.tags ?? []).map((tag: { id: string; name: string }) => (
        <Chip key={tag.id} size="small" variant="outlined" label={<bdi>{tag.name}</bdi>} sx={{ m: 0.25, maxWidth: '100%' }} />
      ))}
    </Box>
  );
};

/** One line per statement on a phone: the text, then actor and date, then status. */
const PhoneList = () => {
  const { date } = useFormat();
  return (
    <SimpleList
      rowClick="show"
      primaryText={(record) => (
        <>
          <ClampedText text={record.text} lang={record.lang} />
          <StancesField />
        </>
      )}
      secondaryText={(record) => (
        <Box component="span" sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 1 }}>
          <ActorPathField />
          <bdi>{date(record.saidOn)}</bdi>
        </Box>
      )}
    />
  );
};

export const StatementList = () => {
  const { permissions } = usePermissions();
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  return (
    <List
      filters={statementFilters}
      filter={{ highlight: true }}
      actions={<ListActions columns={!phone} />}
      sort={{ field: 'saidOn', order: 'DESC' }}
      exporter={false}
    >
      <KeyboardRows />
      {phone ? (
        <PhoneList />
      ) : (
        <DataTable
          rowClick="show"
          storeKey={COLUMNS_STORE_KEY}
          hiddenColumns={['lang']}
          bulkActionButtons={permissions === 'analyst' ? false : <BulkActions />}
        >
          <DataTable.Col
            source="text"
            disableSort
            sx={{ width: '50%', minWidth: 260 }}
            render={(record) => (
              <>
                <ClampedText text={record.text} lang={record.lang}>
                  <HighlightedText html={record.highlight?.text} text={record.text} />
                </ClampedText>
                {Object.entries((record.highlight?.translations ?? {}) as Record<string, string>).map(([lang, html]) => (
                  <Box
                    key={lang}
                    component="span"
                    dir="auto"
                    lang={lang}
                    sx={{ display: 'block', color: 'text.secondary', fontSize: '0.85em', unicodeBidi: 'isolate' }}
                  >
                    {lang}: <HighlightedText html={html} text="" />
                  </Box>
                ))}
              </>
            )}
          />
          <DataTable.Col source="actorPath" label="resources.statements.fields.actorId" sx={{ minWidth: 140 }}>
            <ActorPathField />
          </DataTable.Col>
          <DataTable.Col source="saidOn" sx={{ whiteSpace: 'nowrap' }}>
            <DateText source="saidOn" />
          </DataTable.Col>
          <DataTable.Col source="stances" disableSort sx={{ maxWidth: 260 }}>
            <StancesField />
          </DataTable.Col>
          <DataTable.Col source="tags" disableSort sx={{ maxWidth: 180 }}>
            <TagsField />
          </DataTable.Col>
          <DataTable.Col source="lang" />
          <DataTable.Col source="status">
            <SelectField source="status" choices={statusChoices} />
          </DataTable.Col>
        </DataTable>
      )}
    </List>
  );
};
