import { Box, Card, CardContent, Chip, Divider, Stack, Typography } from '@mui/material';
import {
  EditButton,
  Link,
  Show,
  TopToolbar,
  useGetOne,
  usePermissions,
  useRecordContext,
  useStore,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { ActorPathField } from '../common/ActorPathField';
import { DateText } from '../common/DateText';
import { HighlightedText } from '../common/HighlightedText';
import { RefName } from '../common/RefName';
import { useFormat } from '../common/format';
import { StanceChip } from '../common/StanceChip';
import { HistoryPanel } from '../common/HistoryPanel';
import { RelationsPanel } from './RelationsPanel';

const Heading = ({ label }: { label: string }) => {
  const translate = useTranslate();
  return (
    <Typography variant="overline" color="text.secondary" component="h2" sx={{ mt: 2, display: 'block' }}>
      {translate(label)}
    </Typography>
  );
};

/** One link of the transmission chain: a titled card with lines of facts. */
const Step = ({ title, lines }: { title: string; lines: Array<React.ReactNode | null | undefined | false> }) => (
  <Card variant="outlined" sx={{ minWidth: 200, flex: '1 1 200px' }}>
    <CardContent>
      <Typography variant="subtitle2" gutterBottom>
        {title}
      </Typography>
      {lines.filter(Boolean).map((line, index) => (
        <Typography key={index} variant="body2" color="text.secondary">
          {line}
        </Typography>
      ))}
    </CardContent>
  </Card>
);

const Arrow = () => (
  <Typography aria-hidden sx={{ alignSelf: 'center', fontSize: 24, transform: 'scaleX(var(--arrow-flip, 1))' }}>
    →
  </Typography>
);

/** Who said it, how and when → who reported it → which translations exist. */
const TransmissionChain = ({ record }: { record: RaRecord }) => {
  const translate = useTranslate();
  const { date } = useFormat();
  const { data: source } = useGetOne('sources', { id: record.sourceId }, { enabled: Boolean(record.sourceId) });
  const languageName = (code?: string | null) => (code ? `${translate(`languages.${code}`, { _: code })}` : null);
  const translations = Object.keys(record.translations ?? {});
  return (
    <Stack direction="row" gap={1} flexWrap="wrap" sx={{ '[dir=rtl] &': { '--arrow-flip': -1 } }} data-testid="chain">
      <Step
        title={translate('resources.statements.chain.said')}
        lines={[
          record.speakerId && <RefName resource="actors" id={record.speakerId} fallback={record.speakerName} />,
          record.actorName && (
            <>
              {translate('resources.statements.chain.for')} <ActorPathField />
            </>
          ),
          record.originalLang && `${translate('resources.statements.fields.originalLang')}: ${languageName(record.originalLang)}`,
          record.channel && translate(`resources.statements.channels.${record.channel}`),
          date(record.saidOn),
        ]}
      />
      <Arrow />
      <Step
        title={translate('resources.statements.chain.reported')}
        lines={
          source
            ? [
                <Link key="title" to={`/sources/${source.id}`}>
                  <bdi>{source.title}</bdi>
                </Link>,
                source.outlet && <bdi>{source.outlet}</bdi>,
                source.credit && `${translate('resources.sources.fields.credit')}: ${source.credit}`,
                source.publishedAt && `${translate('resources.sources.fields.publishedAt')}: ${date(source.publishedAt)}`,
                source.lang && `${translate('resources.statements.fields.lang')}: ${languageName(source.lang)}`,
              ]
            : [translate('resources.statements.chain.no_source')]
        }
      />
      <Arrow />
      <Step
        title={translate('resources.statements.chain.text')}
        lines={[
          `${translate('resources.statements.fields.lang')}: ${languageName(record.lang)} (${translate(`resources.statements.kinds.${record.kind}`)})`,
          translations.length > 0 &&
            `${translate('resources.statements.fields.translations')}: ${translations.map(languageName).join(', ')}`,
        ]}
      />
    </Stack>
  );
};

/** A statement as read; `readOnly` (the trash) offers no new cross-reference. */
export const StatementDetails = ({ readOnly = false }: { readOnly?: boolean }) => {
  const record = useRecordContext();
  const translate = useTranslate();
  const { permissions } = usePermissions();
  if (!record) return null;
  return (
    <Box sx={{ p: 2 }}>
      <Typography
        variant="h6"
        component="blockquote"
        dir="auto"
        lang={record.lang}
        sx={{ whiteSpace: 'pre-wrap', m: 0 }}
        data-testid="statement-text"
      >
        <HighlightedText html={record.highlight?.text} text={record.text} />
      </Typography>
      <Box sx={{ mt: 1, display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
        <Chip size="small" label={translate(`resources.statements.statuses.${record.status}`)} />
        <DateText source="saidOn" />
        {record.eventId && (
          <Chip size="small" variant="outlined" label={<RefName resource="events" id={record.eventId} fallback={record.eventName} />} />
        )}
        {(record.topics ?? []).map((topic: { id: string; name: string }) => (
          <Chip
            key={topic.id}
            size="small"
            color="primary"
            variant="outlined"
            label={<RefName resource="topics" id={topic.id} fallback={topic.name} />}
          />
        ))}
        {(record.tags ?? []).map((tag: { id: string; name: string }) => (
          <Chip key={tag.id} size="small" variant="outlined" label={<bdi>{tag.name}</bdi>} />
        ))}
      </Box>

      {Object.keys(record.translations ?? {}).length > 0 && <Heading label="resources.statements.fields.translations" />}
      {Object.entries(record.translations ?? {}).map(([lang, text]) => (
        <Box key={lang} sx={{ mb: 1 }}>
          <Typography variant="caption" color="text.secondary">
            {translate(`languages.${lang}`, { _: lang })}
          </Typography>
          <Typography dir="auto" lang={lang} sx={{ whiteSpace: 'pre-wrap' }}>
            <HighlightedText html={record.highlight?.translations?.[lang]} text={text as string} />
          </Typography>
        </Box>
      ))}

      <Heading label="resources.statements.sections.chain" />
      <TransmissionChain record={record} />

      <Heading label="resources.statements.fields.stances" />
      <Box>
        {(record.stances ?? []).length === 0 && <Typography color="text.secondary">—</Typography>}
        {(record.stances ?? []).map(
          (stance: { value: number; targetName?: string; targetActorId?: string; targetTopicId?: string }, index: number) => (
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
            />
          ),
        )}
      </Box>

      {record.notes && (
        <>
          <Heading label="resources.statements.fields.notes" />
          <Typography dir="auto" sx={{ whiteSpace: 'pre-wrap' }}>
            {record.notes}
          </Typography>
        </>
      )}

      <Divider sx={{ my: 2 }} />
      <Heading label="resources.statements.sections.relations" />
      <RelationsPanel canAdd={!readOnly && permissions !== 'analyst'} />
    </Box>
  );
};

export const StatementShow = () => {
  const { permissions } = usePermissions();
  // The search of the list it was opened from: the statement page marks what matched it.
  const [listParams] = useStore<{ filter?: { q?: string } }>('statements.listParams', {});
  return (
    <Show
      actions={<TopToolbar>{permissions !== 'analyst' && <EditButton />}</TopToolbar>}
      queryOptions={{ meta: { q: listParams?.filter?.q } }}
    >
      <StatementDetails />
      <Divider />
      <HistoryPanel />
    </Show>
  );
};
