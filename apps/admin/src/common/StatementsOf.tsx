import { Box, Typography } from '@mui/material';
import { ActorPathField } from './ActorPathField';
import { ClampedText } from './ClampedText';
import { DateText } from './DateText';
import { DataTable, ReferenceManyField, useTranslate } from 'react-admin';
import { ListPagination } from './ListPagination';

/** The statements that reference the record in view, by one statement filter (`topicId`, `tagId`…). */
export const StatementsOf = ({ target }: { target: string }) => {
  const translate = useTranslate();
  return (
    <Box sx={{ p: 2 }}>
      <Typography variant="h6">{translate('resources.statements.name', { smart_count: 2 })}</Typography>
      <ReferenceManyField
        reference="statements"
        target={target}
        sort={{ field: 'saidOn', order: 'DESC' }}
        perPage={10}
        pagination={<ListPagination />}
      >
        <DataTable rowClick="show" bulkActionButtons={false}>
          <DataTable.Col source="text" render={(record) => <ClampedText text={record.text} lang={record.lang} />} />
          <DataTable.Col source="actorName" label="resources.statements.fields.actorId">
            <ActorPathField />
          </DataTable.Col>
          <DataTable.Col source="saidOn">
            <DateText source="saidOn" />
          </DataTable.Col>
        </DataTable>
      </ReferenceManyField>
    </Box>
  );
};
