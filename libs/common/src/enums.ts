/** Vocabulary shared by the API, the admin UI and the seed files. */

export const ACTOR_KINDS = [
  'state',
  'government_body',
  'person',
  'armed_group',
  'de_facto_authority',
  'international_org',
  'other',
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const STATEMENT_KINDS = ['quote', 'paraphrase'] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];

export const CHANNELS = ['statement', 'press_conference', 'social_media', 'interview', 'speech', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export const STATUSES = ['draft', 'published'] as const;
export type StatementStatus = (typeof STATUSES)[number];

export const RELATION_TYPES = ['responds_to', 'contradicts', 'supports', 'repeats', 'clarifies'] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

export const ROLES = ['analyst', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'restore'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const STANCE_MIN = -2;
export const STANCE_MAX = 2;
/** The stance scale, from strongly opposes to strongly supports. */
export const STANCE_SCALE = [
  { value: -2, label: 'strongly opposes' },
  { value: -1, label: 'opposes' },
  { value: 0, label: 'neutral' },
  { value: 1, label: 'supports' },
  { value: 2, label: 'strongly supports' },
] as const;

/** Languages whose text gets a stemming text-search configuration; anything else uses `simple`. */
export const STEMMED_LANGUAGES = { ar: 'arabic', en: 'english', tr: 'turkish', ru: 'russian', hy: 'armenian' } as const;
