import { Box } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Arrow } from './Arrow';
import { RefName } from './RefName';
import { Signed } from './Signed';
import { useFormat } from './format';

/** Fields an audit entry records that a reader has no use for: ids, bookkeeping, and names repeated beside their ids. */
const HIDDEN = new Set([
  'id',
  'version',
  'createdBy',
  'updatedBy',
  'createdAt',
  'updatedAt',
  'actorName',
  'actorPath',
  'speakerName',
  'sourceTitle',
  'sourceOutlet',
  'eventName',
  'topics',
  'tags',
  'path',
  'depth',
  'password',
]);

/** Fields holding ids of other records, and the resource they name. */
const REFERENCES: Record<string, string> = {
  actorId: 'actors',
  speakerId: 'actors',
  parentId: 'actors',
  targetActorId: 'actors',
  sourceId: 'sources',
  eventId: 'events',
  topicIds: 'topics',
  tagIds: 'tags',
  fromStatementId: 'statements',
  toStatementId: 'statements',
};
/** Fields holding a code, and where its label is. */
const CODES: Record<string, string> = {
  kind: 'kinds',
  channel: 'channels',
  status: 'statuses',
  type: 'types',
  role: 'roles',
  action: 'actions',
};
const LANGUAGE_FIELDS = new Set(['lang', 'originalLang']);
const DATE_FIELDS = new Set(['saidOn', 'publishedAt', 'startDate', 'endDate', 'deletedAt', 'from', 'to']);

/** The fields of an entry a reader is shown, in the entry's order. */
export const shownChanges = (changes: Record<string, unknown> | null | undefined): Array<[string, [unknown, unknown]]> =>
  Object.entries(changes ?? {})
    .filter(([field]) => !HIDDEN.has(field))
    .map(([field, pair]) => [field, Array.isArray(pair) ? [pair[0], pair[1]] : [undefined, pair]]);

const isEmpty = (value: unknown) =>
  value === null ||
  value === undefined ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && Object.keys(value as object).length === 0);

/** One value of one field as a reader wants it: names for ids, labels for codes, dates in the UI locale. */
export const ChangeValue = ({ resource, field, value }: { resource: string; field: string; value: unknown }) => {
  const translate = useTranslate();
  const { date } = useFormat();
  if (isEmpty(value)) return <span aria-label={translate('resources.audit.history.empty_value')}>∅</span>;
  const reference = REFERENCES[field];
  if (reference) {
    const ids = Array.isArray(value) ? (value as string[]) : [String(value)];
    return (
      <>
        {ids.map((id, index) => (
          <span key={id}>
            {index > 0 && ', '}
            <RefName resource={reference} id={id} />
          </span>
        ))}
      </>
    );
  }
  if (CODES[field] && typeof value === 'string') {
    return <>{translate(`resources.${resource}.${CODES[field]}.${value}`, { _: value })}</>;
  }
  if (LANGUAGE_FIELDS.has(field) && typeof value === 'string') return <>{translate(`languages.${value}`, { _: value })}</>;
  if (DATE_FIELDS.has(field) && typeof value === 'string') return <bdi>{date(value)}</bdi>;
  if (typeof value === 'boolean') return <>{translate(value ? 'ra.boolean.true' : 'ra.boolean.false')}</>;
  if (field === 'stances' && Array.isArray(value)) {
    return (
      <>
        {(value as Array<{ targetActorId?: string | null; targetTopicId?: string | null; targetName?: string; value: number }>).map(
          (stance, index) => (
            <span key={index}>
              {index > 0 && '; '}
              <RefName
                resource={stance.targetActorId ? 'actors' : 'topics'}
                id={stance.targetActorId ?? stance.targetTopicId}
                fallback={stance.targetName}
              />{' '}
              <Signed value={Number(stance.value)} />
            </span>
          ),
        )}
      </>
    );
  }
  if (field === 'roles' && Array.isArray(value)) {
    return (
      <>
        {(value as Array<{ actorId: string; title: string; from?: string; to?: string }>).map((role, index) => (
          <span key={index}>
            {index > 0 && '; '}
            <bdi>{role.title}</bdi>, <RefName resource="actors" id={role.actorId} />
            {role.from && ` (${date(role.from)}–${role.to ? date(role.to) : ''})`}
          </span>
        ))}
      </>
    );
  }
  if (typeof value === 'object' && !Array.isArray(value)) {
    // A language → text object: translations, names.
    return (
      <>
        {Object.entries(value as Record<string, unknown>).map(([key, text], index) => (
          <span key={key}>
            {index > 0 && '; '}
            {translate(`languages.${key}`, { _: key })}: <bdi dir="auto">{String(text)}</bdi>
          </span>
        ))}
      </>
    );
  }
  if (Array.isArray(value)) return <bdi dir="auto">{value.map(String).join(', ')}</bdi>;
  return (
    <Box component="bdi" dir="auto" sx={{ whiteSpace: 'pre-wrap' }}>
      {String(value)}
    </Box>
  );
};

/** One line per changed field of an audit entry: its label, then before → after (the arrow follows the reading direction). */
export const ChangeList = ({ changes, resource }: { changes: Record<string, unknown> | null | undefined; resource: string }) => {
  const translate = useTranslate();
  return (
    <Box component="ul" sx={{ m: 0, paddingInlineStart: 2, fontSize: '0.85rem', overflowWrap: 'anywhere' }}>
      {shownChanges(changes).map(([field, [before, after]]) => (
        <li key={field} data-field={field}>
          <strong>{translate(`resources.${resource}.fields.${field}`, { _: field })}</strong>:{' '}
          <ChangeValue resource={resource} field={field} value={before} />
          <Arrow />
          <ChangeValue resource={resource} field={field} value={after} />
        </li>
      ))}
    </Box>
  );
};
