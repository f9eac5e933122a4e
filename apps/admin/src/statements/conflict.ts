import { langMapToEntries } from '../common/langMap';

/** A stance as the API takes it (the form's payload) or returns it (with names). */
export interface StanceValue {
  targetActorId?: string | null;
  targetTopicId?: string | null;
  targetName?: string;
  value: number;
}

/** The statement fields an editor can change, each with how the form holds it. */
export const CONFLICT_FIELDS = [
  'text',
  'lang',
  'originalLang',
  'kind',
  'channel',
  'saidOn',
  'status',
  'speakerId',
  'actorId',
  'sourceId',
  'eventId',
  'translations',
  'topicIds',
  'tagIds',
  'stances',
  'notes',
] as const;
export type ConflictField = (typeof CONFLICT_FIELDS)[number];

/** Fields whose two versions can be combined: both sets of ids, or the other's entries with this editor's on top. */
export const MERGEABLE: ReadonlySet<ConflictField> = new Set(['translations', 'topicIds', 'tagIds', 'stances']);

export type Choice = 'mine' | 'theirs' | 'both';

const stanceKey = (stance: StanceValue) => (stance.targetActorId ? `actor:${stance.targetActorId}` : `topic:${stance.targetTopicId}`);

/** A canonical string of a field's value, to compare two versions. */
export const comparable = (field: ConflictField, value: unknown): string => {
  if (value === null || value === undefined || value === '') return '';
  if (field === 'topicIds' || field === 'tagIds') return [...(value as string[])].map(String).sort().join(',');
  if (field === 'translations') {
    return JSON.stringify(Object.entries(value as Record<string, string>).sort(([a], [b]) => a.localeCompare(b)));
  }
  if (field === 'stances') {
    return (value as StanceValue[])
      .map((stance) => `${stanceKey(stance)}=${Number(stance.value)}`)
      .sort()
      .join(',');
  }
  return String(value);
};

/** The fields where this editor's rejected save and the version now stored differ. */
export const differingFields = (mine: Record<string, unknown>, theirs: Record<string, unknown>): ConflictField[] =>
  CONFLICT_FIELDS.filter((field) => field in mine && comparable(field, mine[field]) !== comparable(field, theirs[field]));

/** A field's value for a choice: one side, or for the mergeable ones both combined (this editor's wins where both set one key). */
export const chosenValue = (field: ConflictField, choice: Choice, mine: unknown, theirs: unknown): unknown => {
  if (choice === 'mine') return mine;
  if (choice === 'theirs' || !MERGEABLE.has(field)) return theirs;
  if (field === 'topicIds' || field === 'tagIds') return [...new Set([...((theirs as string[]) ?? []), ...((mine as string[]) ?? [])])];
  if (field === 'translations') return { ...((theirs as object) ?? {}), ...((mine as object) ?? {}) };
  const merged = new Map<string, StanceValue>();
  for (const stance of [...((theirs as StanceValue[]) ?? []), ...((mine as StanceValue[]) ?? [])]) merged.set(stanceKey(stance), stance);
  return [...merged.values()];
};

/** The form's input and value for a field's chosen value (translations and stances are held in the form's own shape). */
export const formEntry = (field: ConflictField, value: unknown): [string, unknown] => {
  if (field === 'translations') return ['translationList', langMapToEntries(value as Record<string, string>)];
  if (field === 'stances') {
    return [
      'stances',
      ((value as StanceValue[]) ?? []).map((stance) => ({
        targetType: stance.targetActorId ? 'actor' : 'topic',
        targetActorId: stance.targetActorId ?? null,
        targetTopicId: stance.targetTopicId ?? null,
        value: Number(stance.value),
      })),
    ];
  }
  return [field, value ?? null];
};
