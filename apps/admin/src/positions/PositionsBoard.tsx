import { useState } from 'react';
import {
  Box,
  Card,
  CardContent,
  IconButton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import ShowChartIcon from '@mui/icons-material/ShowChart';
import {
  AutocompleteInput,
  BooleanInput,
  DateInput,
  FilterLiveForm,
  ListBase,
  ReferenceInput,
  SelectInput,
  Title,
  useGetList,
  useListContext,
  useTranslate,
} from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { Signed } from '../common/Signed';
import { useFormat } from '../common/format';
import { ServerExportButton } from '../common/ServerExportButton';
import { cleanFilter } from '../common/csvExport';
import { Arrow } from '../common/Arrow';
import { RefName } from '../common/RefName';
import { stanceColour, stanceTextColour } from '../common/stance';
import { statusChoices } from '../statements/statementFilters';
import { Legend } from './Legend';
import { Timeline } from './Timeline';
import { type Position, type Target, buildMatrix, cellStatementFilter } from './matrix';

const byName = (q: string) => ({ q });

const BoardFilters = () => (
  <FilterLiveForm debounce={300}>
    <Stack direction="row" gap={2} flexWrap="wrap" alignItems="center">
      <DateInput source="saidFrom" fullWidth={false} label="resources.statements.filters.saidFrom" />
      <DateInput source="saidTo" fullWidth={false} label="resources.statements.filters.saidTo" />
      <ReferenceInput source="actorId" reference="actors">
        <AutocompleteInput label="positions.actor" fullWidth={false} filterToQuery={byName} sx={{ width: { xs: '100%', sm: 260 } }} />
      </ReferenceInput>
      <BooleanInput source="rollup" label="positions.rollup" />
      <ReferenceInput source="topicId" reference="topics">
        <AutocompleteInput
          label="resources.statements.fields.topicId"
          fullWidth={false}
          filterToQuery={byName}
          sx={{ width: { xs: '100%', sm: 220 } }}
        />
      </ReferenceInput>
      <SelectInput
        fullWidth={false}
        source="status"
        label="resources.statements.fields.status"
        choices={statusChoices}
        emptyText="positions.all_statuses"
      />
      <SelectInput
        fullWidth={false}
        source="targetType"
        label="positions.target_type"
        choices={[
          { id: 'actor', name: 'positions.targets.actor' },
          { id: 'topic', name: 'positions.targets.topic' },
        ]}
      />
    </Stack>
  </FilterLiveForm>
);

interface Selected {
  actorId: string;
  actorName: string;
  target: Target;
}

const MonthlyTimeline = ({ selected, filter }: { selected: Selected; filter: Record<string, unknown> }) => {
  const translate = useTranslate();
  // The cell's actor and target replace the board's own actor, topic and target-type filters.
  const rest = Object.fromEntries(Object.entries(filter).filter(([key]) => !['actorId', 'topicId', 'targetType'].includes(key)));
  const { data = [], isPending } = useGetList<Position>('positions', {
    filter: cleanFilter({
      ...rest,
      actorId: selected.actorId,
      // As in the cell: the actor alone, or with rollup its sub-actors folded into it; either way one row per month.
      ...(filter.rollup ? { rollup: true } : { actorOnly: true }),
      groupBy: 'month',
      ...(selected.target.type === 'actor' ? { targetActorId: selected.target.id } : { targetTopicId: selected.target.id }),
    }),
    pagination: { page: 1, perPage: 1000 },
    sort: { field: 'month', order: 'ASC' },
  });
  const rows = data.filter((row) => row.targetId === selected.target.id && row.actorId === selected.actorId);
  return (
    <Card variant="outlined" sx={{ mt: 2 }}>
      <CardContent>
        <Typography variant="subtitle1" gutterBottom>
          {translate('positions.timeline')}: <RefName resource="actors" id={selected.actorId} fallback={selected.actorName} />
          <Arrow />
          <RefName
            resource={selected.target.type === 'actor' ? 'actors' : 'topics'}
            id={selected.target.id}
            fallback={selected.target.name}
          />
        </Typography>
        {isPending ? null : <Timeline rows={rows} />}
      </CardContent>
    </Card>
  );
};

const Board = () => {
  const { data = [], filterValues, isPending } = useListContext<Position>();
  const translate = useTranslate();
  const navigate = useNavigate();
  const [selected, setSelected] = useState<Selected | null>(null);
  const { number, signed, date } = useFormat();
  const matrix = buildMatrix(data);

  const openStatements = (actorId: string, target: Target) => {
    const filter = cellStatementFilter(actorId, target, filterValues);
    navigate(`/statements?filter=${encodeURIComponent(JSON.stringify(filter))}`);
  };

  return (
    <Box sx={{ p: { xs: 1, sm: 2 }, minWidth: 0 }}>
      <Stack direction="row" justifyContent="space-between" alignItems="flex-start" flexWrap="wrap">
        <BoardFilters />
        <ServerExportButton path="positions/export.csv" fileName="positions.csv" withSort={false} />
      </Stack>
      <Legend />
      {!isPending && matrix.actors.length === 0 && <Typography color="text.secondary">{translate('positions.no_data')}</Typography>}
      {matrix.actors.length > 0 && (
        <Box sx={{ overflow: 'auto', maxHeight: '70vh', mt: 1, maxWidth: '100%' }}>
          <Table size="small" stickyHeader data-testid="positions-matrix">
            <TableHead>
              <TableRow>
                <TableCell>{translate('positions.actor')}</TableCell>
                {matrix.targets.map((target) => (
                  <TableCell
                    key={target.key}
                    align="center"
                    sx={{ minWidth: 90, fontStyle: target.type === 'topic' ? 'italic' : undefined }}
                  >
                    <RefName resource={target.type === 'actor' ? 'actors' : 'topics'} id={target.id} fallback={target.name} />
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {matrix.actors.map((actor) => (
                <TableRow key={actor.id}>
                  <TableCell component="th" scope="row" sx={{ whiteSpace: 'nowrap' }}>
                    <RefName resource="actors" id={actor.id} fallback={actor.name} />
                  </TableCell>
                  {matrix.targets.map((target) => {
                    const cell = matrix.cell(actor.id, target.key);
                    if (!cell) return <TableCell key={target.key} />;
                    return (
                      <TableCell
                        key={target.key}
                        align="center"
                        data-testid="position-cell"
                        sx={{ bgcolor: stanceColour(cell.mean), color: stanceTextColour(cell.mean), p: 0.5, whiteSpace: 'nowrap' }}
                      >
                        <Tooltip
                          title={`${translate('positions.count')}: ${number(cell.count)} · ${translate('positions.min')} ${signed(cell.min)} · ${translate('positions.max')} ${signed(cell.max)} · ${translate('positions.latest')}: ${signed(cell.latestValue)} (${date(cell.latestSaidOn)})`}
                        >
                          <Box
                            component="button"
                            type="button"
                            onClick={() => openStatements(actor.id, target)}
                            data-count={cell.count}
                            sx={{ all: 'unset', cursor: 'pointer', fontWeight: 600, px: 1 }}
                          >
                            <bdi dir="ltr">
                              <Signed value={cell.mean} /> <small>({number(cell.count)})</small>
                            </bdi>
                          </Box>
                        </Tooltip>
                        <IconButton
                          size="small"
                          aria-label={translate('positions.timeline')}
                          onClick={() => setSelected({ actorId: actor.id, actorName: actor.name, target })}
                          sx={{ color: 'inherit', p: 0.25 }}
                        >
                          <ShowChartIcon fontSize="inherit" />
                        </IconButton>
                      </TableCell>
                    );
                  })}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
      {selected && <MonthlyTimeline selected={selected} filter={filterValues} />}
    </Box>
  );
};

/** The analyst's board: mean stance per actor and target under the chosen filters. */
export const PositionsBoard = () => {
  const translate = useTranslate();
  return (
    // The filters live in the URL, so that a board can be shared as a link; drafts count only when asked for.
    <ListBase
      resource="positions"
      perPage={1000}
      sort={{ field: 'actorName', order: 'ASC' }}
      filterDefaultValues={{ status: 'published' }}
      storeKey="positions.board"
    >
      <Title title={translate('positions.title')} />
      <Board />
    </ListBase>
  );
};
