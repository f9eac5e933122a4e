import type { ImportError, ImportResult } from '@stance/common';

/** What `POST /api/extract` returns for one candidate. */
export interface SuggestedStance {
  direction: 'support' | 'oppose' | 'call_for' | string;
  value: number | null;
  targetActorId: string | null;
  suggestion: true;
}

export interface Candidate {
  text: string;
  start: number;
  end: number;
  kind: 'quote' | 'paraphrase' | string;
  mention: string | null;
  speakerId: string | null;
  actorId: string | null;
  cue: string | null;
  suggestedStance?: SuggestedStance;
  confidence?: number;
  speakerName?: string | null;
  speakerTitle?: string | null;
  suggestedBodyId?: string | null;
  suggestedSaidOn?: { date: string; basis: string; suggestion: true } | null;
}

/** A candidate as the editor fixes it before saving. */
export interface CandidateDraft {
  selected: boolean;
  text: string;
  kind: string;
  speakerId: string | null;
  actorId: string | null;
  saidOn: string;
  targetActorId: string | null;
  stanceValue: number | null;
  stanceSuggested: boolean;
  topicIds: string[];
}

export interface Segment {
  text: string;
  /** Index of the candidate highlighted, or null for plain text. */
  candidate: number | null;
}

/**
 * Cuts the text into plain and highlighted pieces from the candidates' offsets. Offsets outside the text are
 * clamped; a candidate overlapping an earlier one only highlights its part past it; empty ones are skipped.
 */
export const segmentText = (text: string, candidates: Pick<Candidate, 'start' | 'end'>[]): Segment[] => {
  const spans = candidates
    .map((c, index) => ({
      index,
      start: Math.max(0, Math.min(text.length, Math.floor(c.start))),
      end: Math.max(0, Math.min(text.length, Math.floor(c.end))),
    }))
    .filter((s) => Number.isFinite(s.start) && Number.isFinite(s.end) && s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const segments: Segment[] = [];
  let cursor = 0;
  for (const span of spans) {
    const start = Math.max(span.start, cursor);
    if (span.end <= start) continue;
    if (start > cursor) segments.push({ text: text.slice(cursor, start), candidate: null });
    segments.push({ text: text.slice(start, span.end), candidate: span.index });
    cursor = span.end;
  }
  if (cursor < text.length) segments.push({ text: text.slice(cursor), candidate: null });
  return segments;
};

/** Today as `YYYY-MM-DD` (UTC). */
export const today = (now: Date = new Date()): string => now.toISOString().slice(0, 10);

/** The default date: the source's publication date when it has one, else today. */
export const defaultSaidOn = (publishedAt: string | null | undefined, now: Date = new Date()): string =>
  publishedAt && /^\d{4}-\d{2}-\d{2}/.test(publishedAt) ? publishedAt.slice(0, 10) : today(now);

/** The editable draft prefilled from a candidate: selected, with its suggested stance when it has one. */
export const candidateToDraft = (candidate: Candidate, saidOn: string, selected = true): CandidateDraft => {
  const stance = candidate.suggestedStance;
  return {
    selected,
    text: candidate.text,
    kind: candidate.kind === 'paraphrase' ? 'paraphrase' : 'quote',
    speakerId: candidate.speakerId ?? null,
    actorId: candidate.actorId ?? candidate.suggestedBodyId ?? null,
    saidOn: candidate.suggestedSaidOn?.date ?? saidOn,
    targetActorId: stance?.targetActorId ?? null,
    stanceValue: typeof stance?.value === 'number' ? stance.value : null,
    stanceSuggested: Boolean(stance),
    topicIds: [],
  };
};

/** The language of a text when none was chosen: Arabic when it has Arabic letters, else English. */
export const guessLang = (text: string): string => (/[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/.test(text) ? 'ar' : 'en');

/** The `POST /api/statements` body for a draft: always `status: 'draft'`; a stance only when it has a target and a value. */
export const draftToPayload = (draft: CandidateDraft, context: { sourceId: string | null; lang: string | null }) => {
  const stances =
    draft.targetActorId && draft.stanceValue !== null
      ? [{ targetActorId: draft.targetActorId, targetTopicId: null, value: Math.max(-2, Math.min(2, Math.round(draft.stanceValue))) }]
      : [];
  return {
    text: draft.text.trim(),
    lang: context.lang || guessLang(draft.text),
    kind: draft.kind,
    channel: 'statement',
    speakerId: draft.speakerId || null,
    actorId: draft.actorId || null,
    saidOn: draft.saidOn || null,
    sourceId: context.sourceId || null,
    topicIds: draft.topicIds,
    stances,
    status: 'draft' as const,
  };
};

/** The statements list filtered to drafts. */
export const draftListPath = (): string => `/statements?filter=${encodeURIComponent(JSON.stringify({ status: 'draft' }))}`;

export type { ImportError, ImportResult };

/** Reads the import answer (200 or 400 alike); anything else is an error with the server's message. */
export const readImportResult = (status: number, body: unknown): ImportResult => {
  const data = (body ?? {}) as Partial<ImportResult> & { message?: unknown };
  if ((status === 200 || status === 201 || status === 400) && Array.isArray(data.errors)) {
    return { created: Number(data.created ?? 0), updated: Number(data.updated ?? 0), errors: data.errors };
  }
  const message = Array.isArray(data.message)
    ? data.message.join('; ')
    : typeof data.message === 'string'
      ? data.message
      : `HTTP ${status}`;
  throw new Error(message);
};

/**
 * Drafts for a list of candidates: one that overlaps a candidate already checked starts unchecked,
 * so one click never saves the same statement twice.
 */
export const candidatesToDrafts = (candidates: Candidate[], saidOn: string): CandidateDraft[] => {
  const checked: Pick<Candidate, 'start' | 'end'>[] = [];
  return candidates.map((c) => {
    const overlaps = checked.some((o) => c.start < o.end && o.start < c.end);
    if (!overlaps) checked.push(c);
    return candidateToDraft(c, saidOn, !overlaps);
  });
};
