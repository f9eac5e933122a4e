/** The statement filter vocabulary of the contract: every key is combinable with the others. */
export interface StatementFilter {
  q?: string;
  /** A person's or body's name or alias in any language: statements it spoke, or spoke for. */
  mention?: string;
  id?: string[];
  actorId?: string | string[];
  speakerId?: string | string[];
  targetActorId?: string | string[];
  /** Not in the contract: statements with a stance toward these topics. */
  targetTopicId?: string | string[];
  topicId?: string | string[];
  tagId?: string | string[];
  eventId?: string | string[];
  sourceId?: string | string[];
  stance?: number | { min?: number; max?: number };
  saidFrom?: string;
  saidTo?: string;
  lang?: string | string[];
  kind?: string | string[];
  status?: string | string[];
  /** Not in the contract: `actorId` matches that actor alone, not its descendants (a board cell without rollup). */
  actorOnly?: boolean;
  /** Not in the contract: `targetActorId` matches that actor alone, not its descendants (a board cell's target). */
  targetOnly?: boolean;
}

export const STATEMENT_FILTER_KEYS = [
  'q',
  'id',
  'actorId',
  'speakerId',
  'targetActorId',
  'targetTopicId',
  'topicId',
  'tagId',
  'eventId',
  'sourceId',
  'stance',
  'saidFrom',
  'saidTo',
  'lang',
  'kind',
  'status',
  'actorOnly',
  'targetOnly',
] as const;
