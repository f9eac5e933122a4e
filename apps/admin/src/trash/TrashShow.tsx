import { Alert, Box, Card, Divider } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Loading, RecordContextProvider, ResourceContextProvider, Title, useRedirect, useTranslate } from 'react-admin';
import { useParams } from 'react-router-dom';
import { httpClient } from '../dataProvider';
import { DateText } from '../common/DateText';
import { HistoryPanel } from '../common/HistoryPanel';
import { StatementDetails } from '../statements/StatementShow';

/** A deleted statement, read-only (`GET /api/statements/:id?withDeleted=true`), with its history. */
export const TrashShow = () => {
  const { id } = useParams();
  const translate = useTranslate();
  const redirect = useRedirect();
  const { data, isPending, error } = useQuery({
    queryKey: ['statements', 'trash', id],
    queryFn: async () => (await httpClient(`/api/statements/${id}?withDeleted=true`)).json,
  });
  if (isPending) return <Loading />;
  if (error || !data) {
    redirect('/trash');
    return null;
  }
  return (
    <ResourceContextProvider value="statements">
      <RecordContextProvider value={data}>
        <Title title="resources.statements.trash.title" />
        <Card sx={{ mt: 2 }} data-testid="trash-show">
          <Alert severity="info" sx={{ m: 2 }}>
            {translate('resources.statements.trash.deleted_on')} <DateText source="deletedAt" withTime />
          </Alert>
          <Box>
            <StatementDetails readOnly />
          </Box>
          <Divider />
          <HistoryPanel />
        </Card>
      </RecordContextProvider>
    </ResourceContextProvider>
  );
};
