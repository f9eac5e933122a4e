import { CHANNELS, STATEMENT_KINDS, STATUSES, STANCE_MAX, STANCE_MIN } from '@stance/common';
import { isIsoDate, isUuid } from '../common/validators';
import { STATEMENT_COLUMNS_AFTER_TRANSLATIONS, STATEMENT_COLUMNS_BEFORE_TRANSLATIONS } from '../export/statement-export.query';
import { CsvColumns, ImportError, recordCells, splitList } from './csv-import';

/** A statement as a CSV row describes it, references still by slug or id. */
export interface ImportRow {
  id: string | null;
  text: string;
  lang: string;
  translations: Record<string, string>;
  originalLang: string | null;
  kind: string;
  channel: string;
  actorSlug: string;
  speakerSlug: string | null;
  saidOn: string;
  source: { id: string; title: string | null; outlet: string | null; url: string | null; publishedAt: string | null } | null;
  event: { id: string; name: string | null } | null;
  topics: { slug: string; name: string }[];
  tags: { slug: string; name: string }[];
  stances: { type: 'actor' | 'topic'; slug: string; value: number }[];
  status: string;
  notes: string | null;
}

/** Columns the export writes for people to read; the import takes references from their slug or id columns. */
const DISPLAY_ONLY = ['actor', 'actorPath', 'speaker', 'relatedIds', 'createdAt', 'updatedAt', 'version'];
const LANG = /^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const TRANSLATION = /^translation_([a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)$/;

export const STATEMENT_IMPORT_COLUMNS: CsvColumns = {
  read: [...STATEMENT_COLUMNS_BEFORE_TRANSLATIONS, ...STATEMENT_COLUMNS_AFTER_TRANSLATIONS].filter(
    (column) => !DISPLAY_ONLY.includes(column),
  ),
  displayOnly: DISPLAY_ONLY,
  required: ['saidOn', 'actorSlug', 'kind', 'lang', 'text'],
  pattern: TRANSLATION,
};

/** Reads and checks one data record, pushing its problems to `errors`; null when the record cannot be read at all. */
export function parseRow(header: string[], record: string[], row: number, errors: ImportError[]): ImportRow | null {
  const fail = (field: string, message: string) => errors.push({ row, field, message });
  const cells = recordCells(header, record, row, errors);
  if (!cells) return null;
  const get = (column: string) => cells.get(column) ?? '';
  const optional = (column: string) => (get(column).trim() === '' ? null : get(column).trim());

  const id = optional('id');
  if (id && !isUuid(id)) fail('id', 'must be a UUID');
  const text = get('text');
  if (!text.trim()) fail('text', 'is required');
  else if (text.length > 20000) fail('text', 'is longer than 20000 characters');
  const lang = get('lang').trim();
  if (!LANG.test(lang)) fail('lang', 'must be a language code such as ar or en');
  const originalLang = optional('originalLang');
  if (originalLang && !LANG.test(originalLang)) fail('originalLang', 'must be a language code such as tr');
  const kind = get('kind').trim();
  if (!(STATEMENT_KINDS as readonly string[]).includes(kind)) fail('kind', `must be one of ${STATEMENT_KINDS.join(', ')}`);
  const channel = optional('channel') ?? 'statement';
  if (!(CHANNELS as readonly string[]).includes(channel)) fail('channel', `must be one of ${CHANNELS.join(', ')}`);
  const status = optional('status') ?? 'draft';
  if (!(STATUSES as readonly string[]).includes(status)) fail('status', `must be one of ${STATUSES.join(', ')}`);
  const saidOn = get('saidOn').trim();
  if (!isIsoDate(saidOn)) fail('saidOn', 'must be a date YYYY-MM-DD');
  const actorSlug = get('actorSlug').trim();
  if (!SLUG.test(actorSlug)) fail('actorSlug', 'must be the slug of an actor');
  const speakerSlug = optional('speakerSlug');
  if (speakerSlug && !SLUG.test(speakerSlug)) fail('speakerSlug', 'must be the slug of a person');

  const translations: Record<string, string> = {};
  for (const column of header) {
    const lang = TRANSLATION.exec(column)?.[1];
    if (lang && get(column).trim()) translations[lang] = get(column);
  }

  let source: ImportRow['source'] = null;
  const sourceId = optional('sourceId');
  if (sourceId) {
    if (!isUuid(sourceId)) fail('sourceId', 'must be a UUID');
    const publishedAt = optional('sourcePublishedAt');
    if (publishedAt && !isIsoDate(publishedAt)) fail('sourcePublishedAt', 'must be a date YYYY-MM-DD');
    source = { id: sourceId, title: optional('sourceTitle'), outlet: optional('sourceOutlet'), url: optional('sourceUrl'), publishedAt };
  }
  let event: ImportRow['event'] = null;
  const eventId = optional('eventId');
  if (eventId) {
    if (!isUuid(eventId)) fail('eventId', 'must be a UUID');
    event = { id: eventId, name: optional('event') };
  }

  const named = (slugsColumn: string, namesColumn: string) => {
    const slugs = splitList(get(slugsColumn));
    const names = splitList(get(namesColumn));
    for (const slug of slugs) if (!SLUG.test(slug)) fail(slugsColumn, `"${slug}" is not a slug`);
    return slugs.map((slug, i) => ({ slug, name: names.length === slugs.length ? names[i] : slug }));
  };
  const topics = named('topicSlugs', 'topics');
  const tags = named('tagSlugs', 'tags');

  const stances: ImportRow['stances'] = [];
  for (const item of splitList(get('stances'))) {
    const m = /^(actor|topic):([a-z0-9-]+):\s*([+-]?\d+)$/.exec(item);
    const value = m ? Number(m[3]) : NaN;
    if (!m || value < STANCE_MIN || value > STANCE_MAX) {
      fail('stances', `"${item}" is not actor:<slug>:<-2..+2> or topic:<slug>:<-2..+2>`);
      continue;
    }
    if (stances.some((s) => s.type === m[1] && s.slug === m[2])) fail('stances', `${m[1]} ${m[2]} appears twice`);
    stances.push({ type: m[1] as 'actor' | 'topic', slug: m[2], value });
  }

  return {
    id,
    text,
    lang,
    translations,
    originalLang,
    kind,
    channel,
    actorSlug,
    speakerSlug,
    saidOn,
    source,
    event,
    topics,
    tags,
    stances,
    status,
    notes: optional('notes') === null ? null : get('notes'),
  };
}
