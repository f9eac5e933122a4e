import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import type { FieldValues } from 'react-hook-form';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  Chip,
  FormControlLabel,
  Link,
  MenuItem,
  TextField,
  Typography,
} from '@mui/material';
import {
  AutocompleteInput,
  Form,
  ReferenceInput,
  SaveButton,
  SelectInput,
  TextInput,
  Title,
  required,
  useDataProvider,
  useTranslate,
} from 'react-admin';
import { languageChoices } from '../common/languages';
import { CreateSourceDialog } from '../statements/CreateSourceDialog';
import { createStatements, extractCandidates } from './api';
import { RecordPicker, RecordsPicker } from './RecordPicker';
import {
  candidatesToDrafts,
  defaultSaidOn,
  draftListPath,
  draftToPayload,
  segmentText,
  type Candidate,
  type CandidateDraft,
} from './logic';

const byName = (q: string) => ({ q });
const STANCE_VALUES = [-2, -1, 0, 1, 2];

type Outcome = { ok: true; id: string } | { ok: false; message: string };

interface Extraction {
  text: string;
  lang: string | null;
  sourceId: string | null;
  candidates: Candidate[];
}

/** The pasted text with each candidate marked; the marks keep the text's own order (no bidi isolation or reordering). */
const HighlightedText = ({ text, candidates, drafts }: { text: string; candidates: Candidate[]; drafts: CandidateDraft[] }) => (
  <Box
    dir="auto"
    data-testid="intake-highlighted"
    sx={{ whiteSpace: 'pre-wrap', lineHeight: 1.8, p: 2, border: 1, borderColor: 'divider', borderRadius: 1, mb: 2 }}
  >
    {segmentText(text, candidates).map((segment, index) =>
      segment.candidate === null ? (
        <span key={index}>{segment.text}</span>
      ) : (
        <Box
          component="mark"
          key={index}
          title={`#${segment.candidate + 1}`}
          sx={{
            bgcolor: drafts[segment.candidate]?.selected ? 'warning.light' : 'action.selected',
            color: 'inherit',
            borderRadius: 0.5,
          }}
        >
          {segment.text}
        </Box>
      ),
    )}
  </Box>
);

const CandidateCard = ({
  index,
  candidate,
  draft,
  outcome,
  onChange,
}: {
  index: number;
  candidate: Candidate;
  draft: CandidateDraft;
  outcome?: Outcome;
  onChange: (patch: Partial<CandidateDraft>) => void;
}) => {
  const translate = useTranslate();
  const field = (name: string) => translate(`resources.statements.fields.${name}`);
  return (
    <Card variant="outlined" sx={{ mb: 2 }} data-testid="intake-candidate">
      <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
          <FormControlLabel
            control={<Checkbox checked={draft.selected} onChange={(e) => onChange({ selected: e.target.checked })} />}
            label={`#${index + 1}`}
          />
          {candidate.mention && <Chip size="small" label={`${translate('intake.extract.mention')}: ${candidate.mention}`} />}
          {candidate.cue && <Chip size="small" variant="outlined" label={`${translate('intake.extract.cue')}: ${candidate.cue}`} />}
          {outcome?.ok && <Chip size="small" color="success" label={translate('intake.extract.saved')} />}
        </Box>
        {outcome && !outcome.ok && <Alert severity="error">{outcome.message}</Alert>}
        <TextField
          label={field('text')}
          value={draft.text}
          onChange={(e) => onChange({ text: e.target.value })}
          multiline
          fullWidth
          size="small"
          slotProps={{ htmlInput: { dir: 'auto' } }}
        />
        <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
          <TextField
            select
            size="small"
            label={field('kind')}
            value={draft.kind}
            onChange={(e) => onChange({ kind: e.target.value })}
            sx={{ width: 160 }}
          >
            <MenuItem value="quote">{translate('resources.statements.kinds.quote')}</MenuItem>
            <MenuItem value="paraphrase">{translate('resources.statements.kinds.paraphrase')}</MenuItem>
          </TextField>
          <RecordPicker
            resource="actors"
            filter={{ kind: 'person' }}
            label={field('speakerId')}
            value={draft.speakerId}
            onChange={(speakerId) => onChange({ speakerId })}
          />
          <RecordPicker resource="actors" label={field('actorId')} value={draft.actorId} onChange={(actorId) => onChange({ actorId })} />
          <TextField
            type="date"
            size="small"
            label={field('saidOn')}
            value={draft.saidOn}
            onChange={(e) => onChange({ saidOn: e.target.value })}
            slotProps={{ inputLabel: { shrink: true } }}
          />
        </Box>
        <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center' }}>
          <RecordPicker
            resource="actors"
            label={field('targetActorId')}
            value={draft.targetActorId}
            onChange={(targetActorId) => onChange({ targetActorId })}
          />
          <TextField
            select
            size="small"
            label={translate('intake.extract.stance')}
            value={draft.stanceValue === null ? '' : String(draft.stanceValue)}
            onChange={(e) => onChange({ stanceValue: e.target.value === '' ? null : Number(e.target.value), stanceSuggested: false })}
            sx={{ width: 200 }}
          >
            <MenuItem value="">—</MenuItem>
            {STANCE_VALUES.map((value) => (
              <MenuItem key={value} value={String(value)}>
                {value > 0 ? `+${value}` : value}
              </MenuItem>
            ))}
          </TextField>
          {draft.stanceSuggested && candidate.suggestedStance && (
            <Chip
              size="small"
              color="info"
              label={`${translate('intake.extract.suggested')}: ${translate(`intake.directions.${candidate.suggestedStance.direction}`, {
                _: candidate.suggestedStance.direction,
              })}`}
            />
          )}
          <RecordsPicker
            resource="topics"
            label={field('topicIds')}
            value={draft.topicIds}
            onChange={(topicIds) => onChange({ topicIds })}
          />
        </Box>
      </CardContent>
    </Card>
  );
};

/** "Add from article": paste, find candidates, fix them, save the chosen ones as drafts. */
export const ExtractPage = () => {
  const translate = useTranslate();
  const dataProvider = useDataProvider();
  const [extraction, setExtraction] = useState<Extraction | null>(null);
  const [drafts, setDrafts] = useState<CandidateDraft[]>([]);
  const [outcomes, setOutcomes] = useState<Record<number, Outcome>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const find = async (values: FieldValues) => {
    setBusy(true);
    setError(null);
    setOutcomes({});
    try {
      const text = String(values.text ?? '');
      const sourceId = values.sourceId ? String(values.sourceId) : null;
      let publishedAt: string | null = null;
      if (sourceId) {
        const { data } = await dataProvider.getOne('sources', { id: sourceId }).catch(() => ({ data: null }));
        publishedAt = data?.publishedAt ?? null;
      }
      const published = publishedAt && /^\d{4}-\d{2}-\d{2}/.test(publishedAt) ? publishedAt.slice(0, 10) : null;
      const candidates = await extractCandidates(text, values.lang || null, published);
      const saidOn = defaultSaidOn(publishedAt);
      setExtraction({ text, lang: values.lang || null, sourceId, candidates });
      setDrafts(candidatesToDrafts(candidates, saidOn));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    if (!extraction) return;
    setBusy(true);
    const next: Record<number, Outcome> = { ...outcomes };
    const indexes = [...drafts.keys()].filter((index) => drafts[index].selected && !next[index]?.ok);
    try {
      const saved = await createStatements(
        indexes.map((index) => draftToPayload(drafts[index], { sourceId: extraction.sourceId, lang: extraction.lang })),
      );
      indexes.forEach((index, n) => (next[index] = { ok: true, id: String(saved[n]?.id) }));
    } catch (e) {
      for (const index of indexes) next[index] = { ok: false, message: (e as Error).message };
    }
    setOutcomes({ ...next });
    setBusy(false);
  };

  const update = (index: number) => (patch: Partial<CandidateDraft>) =>
    setDrafts((current) => current.map((draft, i) => (i === index ? { ...draft, ...patch } : draft)));

  const results = Object.values(outcomes);
  const saved = results.filter((o) => o.ok).length;
  const failed = results.length - saved;
  const selectedCount = drafts.filter((d, i) => d.selected && !outcomes[i]?.ok).length;

  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('intake.extract.title')} />
      <CardContent>
        <Form onSubmit={find} defaultValues={{ text: '', lang: '', sourceId: null }}>
          <TextInput
            source="text"
            label="intake.extract.text"
            multiline
            minRows={6}
            fullWidth
            validate={required()}
            slotProps={{ htmlInput: { dir: 'auto', 'data-testid': 'intake-text' } }}
          />
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
            <SelectInput source="lang" label="resources.statements.fields.lang" choices={languageChoices} emptyText="intake.extract.auto" />
            <ReferenceInput source="sourceId" reference="sources">
              <AutocompleteInput
                label="resources.statements.fields.sourceId"
                fullWidth={false}
                filterToQuery={byName}
                create={<CreateSourceDialog />}
                sx={{ width: 360 }}
              />
            </ReferenceInput>
          </Box>
          <SaveButton label="intake.extract.find" icon={<span />} alwaysEnable disabled={busy} />
        </Form>
        {error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error}
          </Alert>
        )}
        {extraction && (
          <Box sx={{ mt: 3 }}>
            <Typography variant="h6" gutterBottom>
              {translate('intake.extract.found', { smart_count: extraction.candidates.length })}
            </Typography>
            {extraction.candidates.length > 0 && (
              <HighlightedText text={extraction.text} candidates={extraction.candidates} drafts={drafts} />
            )}
            {extraction.candidates.map((candidate, index) => (
              <CandidateCard
                key={`${candidate.start}-${candidate.end}-${index}`}
                index={index}
                candidate={candidate}
                draft={drafts[index]}
                outcome={outcomes[index]}
                onChange={update(index)}
              />
            ))}
            {extraction.candidates.length > 0 && (
              <Button variant="contained" onClick={save} disabled={busy || selectedCount === 0}>
                {translate('intake.extract.save', { smart_count: selectedCount })}
              </Button>
            )}
            {results.length > 0 && (
              <Alert severity={failed ? 'warning' : 'success'} sx={{ mt: 2 }} data-testid="intake-save-result">
                {translate('intake.extract.result', { saved, failed })}{' '}
                {saved > 0 && (
                  <Link component={RouterLink} to={draftListPath()}>
                    {translate('intake.extract.see_drafts')}
                  </Link>
                )}
              </Alert>
            )}
          </Box>
        )}
      </CardContent>
    </Card>
  );
};
