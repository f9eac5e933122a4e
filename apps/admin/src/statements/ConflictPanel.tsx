import { useEffect, useRef, useState } from 'react';
import { Alert, AlertTitle, Box, Button, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useFormContext } from 'react-hook-form';
import { type RaRecord, useGetList, useRecordContext, useTranslate } from 'react-admin';
import { RefName } from '../common/RefName';
import { Signed } from '../common/Signed';
import { useFormat } from '../common/format';
import { type Choice, type ConflictField, type StanceValue, MERGEABLE, chosenValue, differingFields, formEntry } from './conflict';

export interface Conflict {
  /** What this editor tried to save (the payload). */
  mine: Record<string, unknown>;
  /** The version stored meanwhile, as the 409 returned it. */
  theirs: RaRecord;
}

const REFERENCES: Partial<Record<ConflictField, string>> = {
  speakerId: 'actors',
  actorId: 'actors',
  sourceId: 'sources',
  eventId: 'events',
  topicIds: 'topics',
  tagIds: 'tags',
};
const CHOICES: Partial<Record<ConflictField, string>> = {
  kind: 'resources.statements.kinds',
  channel: 'resources.statements.channels',
  status: 'resources.statements.statuses',
  lang: 'languages',
  originalLang: 'languages',
};

/** One version of one field, readable: names for ids, labels for codes, dates in the UI locale. */
const FieldValue = ({ field, value }: { field: ConflictField; value: unknown }) => {
  const translate = useTranslate();
  const { date } = useFormat();
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return <Typography color="text.secondary">∅</Typography>;
  }
  const reference = REFERENCES[field];
  if (reference) {
    const ids = Array.isArray(value) ? (value as string[]) : [value as string];
    return (
      <Box sx={{ display: 'flex', flexDirection: 'column' }}>
        {ids.map((id) => (
          <RefName key={id} resource={reference} id={id} />
        ))}
      </Box>
    );
  }
  if (CHOICES[field]) return <>{translate(`${CHOICES[field]}.${value}`, { _: String(value) })}</>;
  if (field === 'saidOn') return <bdi>{date(String(value))}</bdi>;
  if (field === 'translations') {
    return (
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 0.5 }}>
        {Object.entries(value as Record<string, string>).map(([lang, text]) => (
          <span key={lang}>
            <strong>{translate(`languages.${lang}`, { _: lang })}</strong>:{' '}
            <bdi dir="auto" lang={lang}>
              {text}
            </bdi>
          </span>
        ))}
      </Box>
    );
  }
  if (field === 'stances') {
    return (
      <Box sx={{ display: 'flex', flexDirection: 'column' }}>
        {(value as StanceValue[]).map((stance) => (
          <span key={`${stance.targetActorId ?? stance.targetTopicId}`}>
            <RefName
              resource={stance.targetActorId ? 'actors' : 'topics'}
              id={stance.targetActorId ?? stance.targetTopicId}
              fallback={stance.targetName}
            />
            : <Signed value={Number(stance.value)} />
          </span>
        ))}
      </Box>
    );
  }
  return (
    <Box component="span" dir="auto" sx={{ whiteSpace: 'pre-wrap' }}>
      {String(value)}
    </Box>
  );
};

/**
 * Shown above Save after a 409: who saved the statement meanwhile and when, then every field where
 * the two versions differ side by side. The form holds the other editor's version; per field this
 * editor keeps it, takes their own, or (sets and translations) both, and saves again.
 */
export const ConflictPanel = ({ conflict, onDone }: { conflict: Conflict; onDone: () => void }) => {
  const translate = useTranslate();
  const { date } = useFormat();
  const record = useRecordContext();
  const { setValue } = useFormContext();
  const [choices, setChoices] = useState<Partial<Record<ConflictField, Choice>>>({});
  const ref = useRef<HTMLDivElement>(null);
  const { theirs, mine } = conflict;
  const { data: [lastChange] = [] } = useGetList('audit', {
    filter: { entityType: 'statements', entityId: theirs.id },
    sort: { field: 'at', order: 'DESC' },
    pagination: { page: 1, perPage: 1 },
  });
  // The form shows the stored version once the record has been read again.
  const reloaded = record?.version === theirs.version;
  const fields = differingFields(mine, theirs);

  useEffect(() => {
    if (reloaded) ref.current?.scrollIntoView({ block: 'center' });
  }, [reloaded]);

  const choose = (field: ConflictField, choice: Choice) => {
    setChoices((current) => ({ ...current, [field]: choice }));
    const [name, value] = formEntry(field, chosenValue(field, choice, mine[field], theirs[field]));
    setValue(name, value, { shouldDirty: true });
  };
  const chooseAll = (choice: Choice) => fields.forEach((field) => choose(field, choice));

  const who = lastChange?.userName || lastChange?.userEmail || translate('resources.audit.history.system');
  return (
    <Alert severity="warning" sx={{ width: '100%', boxSizing: 'border-box', mb: 2 }} data-testid="conflict" ref={ref}>
      <AlertTitle>{translate('resources.statements.conflict.title')}</AlertTitle>
      <Typography variant="body2" data-testid="conflict-who">
        {translate('resources.statements.conflict.who', { who, at: date(lastChange?.at ?? theirs.updatedAt, true) })}
      </Typography>
      {reloaded && (
        <>
          <Typography variant="body2" sx={{ mt: 1 }}>
            {translate('resources.statements.conflict.help')}
          </Typography>
          <Box sx={{ display: 'flex', gap: 1, mt: 1, flexWrap: 'wrap' }}>
            <Button size="small" variant="outlined" onClick={() => chooseAll('mine')}>
              {translate('resources.statements.conflict.all_mine')}
            </Button>
            <Button size="small" variant="outlined" onClick={() => chooseAll('theirs')}>
              {translate('resources.statements.conflict.all_theirs')}
            </Button>
            <Button size="small" onClick={onDone}>
              {translate('ra.action.close')}
            </Button>
          </Box>
          <Box
            role="table"
            sx={{
              mt: 1,
              display: 'grid',
              gridTemplateColumns: { xs: '1fr', md: 'minmax(120px, max-content) 1fr 1fr max-content' },
              gap: 1,
            }}
          >
            <Box role="row" sx={{ display: { xs: 'none', md: 'contents' }, fontWeight: 600 }}>
              <span role="columnheader">{translate('resources.statements.conflict.field')}</span>
              <span role="columnheader">{translate('resources.statements.conflict.theirs')}</span>
              <span role="columnheader">{translate('resources.statements.conflict.mine')}</span>
              <span role="columnheader" />
            </Box>
            {fields.map((field) => (
              <Box role="row" key={field} data-testid="conflict-field" data-field={field} sx={{ display: 'contents' }}>
                <Box role="rowheader" sx={{ fontWeight: 600 }}>
                  {translate(`resources.statements.fields.${field}`)}
                </Box>
                <Box role="cell" data-side="theirs" sx={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                  <FieldValue field={field} value={theirs[field]} />
                </Box>
                <Box role="cell" data-side="mine" sx={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                  <FieldValue field={field} value={mine[field]} />
                </Box>
                <Box role="cell">
                  <ToggleButtonGroup
                    size="small"
                    exclusive
                    value={choices[field] ?? 'theirs'}
                    onChange={(_, choice: Choice | null) => choice && choose(field, choice)}
                    aria-label={translate(`resources.statements.fields.${field}`)}
                  >
                    <ToggleButton value="theirs">{translate('resources.statements.conflict.take_theirs')}</ToggleButton>
                    <ToggleButton value="mine">{translate('resources.statements.conflict.keep_mine')}</ToggleButton>
                    {MERGEABLE.has(field) && <ToggleButton value="both">{translate('resources.statements.conflict.both')}</ToggleButton>}
                  </ToggleButtonGroup>
                </Box>
              </Box>
            ))}
          </Box>
        </>
      )}
    </Alert>
  );
};
