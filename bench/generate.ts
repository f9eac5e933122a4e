import './register-paths';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { openBenchDatabase, option } from './bench-database';
import * as words from './vocabulary';

/**
 * A realistic data set for the benchmark, loaded with COPY:
 *   npm run bench:generate -- --statements 1000000 [--seed 42]
 * ~2,000 actors three levels deep (plus persons with roles), ~200 topics, ~5,000 sources, ~500
 * events, ~2 tags and ~1.5 stances per statement, Arabic and English text with translations.
 * Activity is skewed (a few actors speak and are spoken about far more than the rest), dates run
 * from 2014 to mid-2025 in roughly chronological order, 8% drafts and 0.5% soft-deleted.
 * The database's content is replaced; users are kept.
 */

const STATEMENTS = Number(option('statements', '1000000'));
const SEED = Number(option('seed', '42'));
const CHUNK = 25_000;
const FIRST_DAY = Date.UTC(2014, 0, 1);
const LAST_DAY = Date.UTC(2025, 5, 30);
const DAY = 86_400_000;

// ---------------------------------------------------------------- randomness

let state = SEED >>> 0 || 1;
/** mulberry32: small, fast and reproducible. */
function random(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)];
const chance = (p: number) => random() < p;

function uuid(): string {
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  const a = hex(random() * 2 ** 32);
  const b = hex(random() * 2 ** 32);
  const c = hex(random() * 2 ** 32);
  const d = hex(random() * 2 ** 32);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${((parseInt(c[0], 16) & 3) | 8).toString(16)}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

/** Samples indexes in proportion to their weights. */
class Weighted {
  private readonly cumulative: Float64Array;
  constructor(weights: number[]) {
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((w, i) => (this.cumulative[i] = sum += w));
  }
  next(): number {
    const target = random() * this.cumulative[this.cumulative.length - 1];
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Zipf-like weights over a shuffled order, so the busiest items are not simply the first ones. */
function zipf(n: number, exponent: number): number[] {
  const ranks = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = int(i + 1);
    [ranks[i], ranks[j]] = [ranks[j], ranks[i]];
  }
  return ranks.map((rank) => 1 / (rank + 1) ** exponent);
}

// ---------------------------------------------------------------- COPY text format

function field(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}
const line = (values: unknown[]) => values.map(field).join('\t') + '\n';

async function copy(client: Client, table: string, columns: string[], lines: Iterable<string>): Promise<void> {
  const batches = (function* () {
    let batch = '';
    for (const l of lines) {
      batch += l;
      if (batch.length > 1 << 16) {
        yield batch;
        batch = '';
      }
    }
    if (batch) yield batch;
  })();
  await pipeline(Readable.from(batches), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
}

// ---------------------------------------------------------------- the reference data

interface ActorRow {
  id: string;
  slug: string;
  name: string;
  nameAr: string;
  kind: string;
  parent: ActorRow | null;
  path: string[];
  level: number;
}

const slugify = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function buildActors(): ActorRow[] {
  const actors: ActorRow[] = [];
  const slugs = new Set<string>();
  const add = (name: string, nameAr: string, kind: string, parent: ActorRow | null): ActorRow => {
    let slug = slugify(name).slice(0, 100);
    for (let i = 2; slugs.has(slug); i++) slug = `${slugify(name).slice(0, 100)}-${i}`;
    slugs.add(slug);
    const id = uuid();
    const actor = { id, slug, name, nameAr, kind, parent, path: [...(parent?.path ?? []), id], level: (parent?.level ?? 0) + 1 };
    actors.push(actor);
    return actor;
  };
  const roots = [
    ...words.STATES.map(([en, ar]) => add(en, ar, 'state', null)),
    ...words.ORGANISATIONS.map(([en, ar]) => add(en, ar, 'international_org', null)),
    ...words.GROUPS.map(([en, ar]) => add(en, ar, pick(['armed_group', 'de_facto_authority']), null)),
  ];
  const second: ActorRow[] = [];
  for (const root of roots) {
    const patterns = root.kind === 'state' ? words.STATE_BODIES : root.kind === 'international_org' ? words.ORGANISATION_BODIES : [];
    for (const [en, ar] of patterns) second.push(add(en.replace('%', root.name), ar.replace('%', root.nameAr), 'government_body', root));
    if (root.kind !== 'state' && root.kind !== 'international_org') {
      for (const unit of ['Political Bureau', 'Military Wing', 'Media Office'])
        second.push(add(`${unit} of ${root.name}`, `${unit} - ${root.nameAr}`, 'other', root));
    }
  }
  // Third level until ~2,000 actors in the hierarchy.
  const subPatterns = words.SUB_BODIES;
  for (let round = 0; actors.length < 2000; round++) {
    for (const parent of second) {
      if (actors.length >= 2000) break;
      if (round >= subPatterns.length && !chance(0.5)) continue;
      const [en, ar] = subPatterns[round % subPatterns.length];
      const suffix = round >= subPatterns.length ? ` ${Math.floor(round / subPatterns.length) + 1}` : '';
      add(`${en.replace('%', parent.name)}${suffix}`, `${ar.replace('%', parent.nameAr)}${suffix}`, 'government_body', parent);
    }
  }
  return actors;
}

function buildPersons(bodies: ActorRow[], weights: Weighted, count: number) {
  const persons: { actor: ActorRow; roleIn: ActorRow; title: string; from: string }[] = [];
  const used = new Set<string>();
  for (let i = 0; i < count; i++) {
    const name = `${pick(words.FIRST_NAMES)} ${pick(words.LAST_NAMES)}`;
    let slug = slugify(name);
    for (let n = 2; used.has(slug); n++) slug = `${slugify(name)}-${n}`;
    used.add(slug);
    const actor: ActorRow = { id: uuid(), slug, name, nameAr: name, kind: 'person', parent: null, path: [], level: 0 };
    actor.path = [actor.id];
    const roleIn = bodies[weights.next()];
    persons.push({
      actor,
      roleIn,
      title: pick(['Minister', 'Spokesperson', 'Ambassador', 'Deputy Minister', 'Envoy', 'Head']),
      from: date(random() * 0.8),
    });
  }
  return persons;
}

const date = (fraction: number) =>
  new Date(FIRST_DAY + Math.floor(fraction * ((LAST_DAY - FIRST_DAY) / DAY)) * DAY).toISOString().slice(0, 10);

function sentence(lang: 'ar' | 'en', actorName: string, otherName: string): string {
  const v = lang === 'ar' ? words.ARABIC : words.ENGLISH;
  const clauses = 1 + int(3);
  const parts: string[] = [];
  for (let i = 0; i < clauses; i++) {
    const who = i === 0 ? actorName : otherName;
    parts.push(
      lang === 'ar'
        ? `${pick(v.verbs)} ${pick(v.nouns)} ${pick(v.qualifiers)}${chance(0.3) ? ` و${pick(v.nouns)} في ${who}` : ''}`
        : `${who} ${pick(v.verbs)} ${pick(v.nouns)} ${pick(v.qualifiers)}${chance(0.3) ? ` and ${pick(v.nouns)}` : ''}`,
    );
  }
  const body = parts.join(lang === 'ar' ? '، ' : ', ');
  if (lang === 'ar') {
    const quoted = chance(0.4) ? `«${body}»` : body;
    return `${pick(v.openers)} ${pick(v.subjects)} في ${actorName} ${pick(v.connectors)} ${actorName} ${quoted}.`;
  }
  const quoted = chance(0.4) ? `"${body}"` : body;
  return `${pick(v.subjects)} of ${actorName} ${pick(v.openers)} ${pick(v.connectors)} ${quoted}.${chance(0.02) ? '\nThe statement was later repeated.' : ''}`;
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const started = Date.now();
  const log = (message: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
  const database = await openBenchDatabase();
  try {
    const dataSource = new DataSource({ type: 'postgres', url: database.url, migrations: MIGRATIONS, migrationsTransactionMode: 'each' });
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.destroy();
    log(`migrated; generating ${STATEMENTS.toLocaleString('en')} statements`);

    const client = new Client({ connectionString: database.url });
    await client.connect();
    await client.query(`SET synchronous_commit = off`);
    await client.query(
      `TRUNCATE audit, relations, stances, statement_tags, statement_topics, statements, sources, events, tags, topics, actor_roles, actors CASCADE`,
    );

    // Actors, persons and their roles.
    const actors = buildActors();
    const actorWeights = zipf(actors.length, 1.0).map((w, i) => w * [0, 6, 3, 1][actors[i].level]);
    const actorPick = new Weighted(actorWeights);
    const bodies = actors.filter((a) => a.level >= 2);
    const persons = buildPersons(bodies, new Weighted(bodies.map((b) => actorWeights[actors.indexOf(b)])), 500);
    const personsByActor = new Map<string, string[]>();
    for (const p of persons) {
      for (const id of p.roleIn.path) personsByActor.set(id, [...(personsByActor.get(id) ?? []), p.actor.id]);
    }
    // Actors spoken about: the roots and second level, the first far more often.
    const targets = actors.filter((a) => a.level <= 2);
    const targetPick = new Weighted(zipf(targets.length, 1.1).map((w, i) => w * (targets[i].level === 1 ? 5 : 1)));
    await copy(
      client,
      'actors',
      ['id', 'slug', 'name', 'names', 'aliases', 'kind', 'parent_id', 'path'],
      [...actors, ...persons.map((p) => p.actor)].map((a) =>
        line([
          a.id,
          a.slug,
          a.name,
          { ar: a.nameAr },
          a.level === 1 ? `{"${a.nameAr.replace(/"/g, '')}"}` : '{}',
          a.kind,
          a.parent?.id ?? null,
          `{${a.path.join(',')}}`,
        ]),
      ),
    );
    await copy(
      client,
      'actor_roles',
      ['person_id', 'actor_id', 'title', 'started_on'],
      persons.map((p) => line([p.actor.id, p.roleIn.id, p.title, p.from])),
    );
    log(`${actors.length} actors in the hierarchy, ${persons.length} persons`);

    // Topics (two levels), tags, events, sources.
    const topics: { id: string; slug: string; name: string; nameAr: string; parent: string | null }[] = [];
    for (const [en, ar] of words.TOPIC_ROOTS) {
      const root = { id: uuid(), slug: slugify(en), name: en, nameAr: ar, parent: null };
      topics.push(root);
      for (const [aen, aar] of words.TOPIC_ASPECTS)
        topics.push({ id: uuid(), slug: `${root.slug}-${slugify(aen)}`, name: `${en}: ${aen}`, nameAr: `${ar}: ${aar}`, parent: root.id });
    }
    await copy(
      client,
      'topics',
      ['id', 'slug', 'name', 'names', 'parent_id'],
      topics.map((t) => line([t.id, t.slug, t.name, { ar: t.nameAr }, t.parent])),
    );
    const topicPick = new Weighted(zipf(topics.length, 0.9));
    const tags = words.TAGS.map((slug) => ({ id: uuid(), slug, name: slug.replace(/-/g, ' ') }));
    await copy(
      client,
      'tags',
      ['id', 'slug', 'name'],
      tags.map((t) => line([t.id, t.slug, t.name])),
    );
    const tagPick = new Weighted(zipf(tags.length, 0.8));
    const events = Array.from({ length: 500 }, (_, i) => {
      const start = date(i / 500);
      return { id: uuid(), name: `${pick(words.TOPIC_ROOTS)[0]} talks round ${i + 1}`, start };
    });
    await copy(
      client,
      'events',
      ['id', 'name', 'start_date', 'end_date'],
      events.map((e) => line([e.id, e.name, e.start, e.start])),
    );
    const sources = Array.from({ length: 5000 }, (_, i) => {
      const [outlet, lang] = pick(words.OUTLETS);
      const published = date(Math.min(1, i / 5000 + random() / 200));
      return { id: uuid(), title: `${outlet}: ${pick(words.ENGLISH.nouns)} ${published}`, outlet, lang, published };
    });
    await copy(
      client,
      'sources',
      ['id', 'title', 'outlet', 'url', 'published_at', 'lang', 'credit'],
      sources.map((s, i) =>
        line([s.id, s.title, s.outlet, `https://news.example/${slugify(s.outlet)}/${i}`, s.published, s.lang, pick(words.CREDITS)]),
      ),
    );
    log(`${topics.length} topics, ${tags.length} tags, ${events.length} events, ${sources.length} sources`);

    // Bulk load: secondary indexes and the positions trigger off, rebuilt once at the end.
    const indexes = (
      await client.query<{ name: string; definition: string }>(
        `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
           FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
          WHERE t.relname IN ('statements', 'stances', 'statement_topics', 'statement_tags', 'relations', 'position_months')
            AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
      )
    ).rows;
    for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
    await client.query(`ALTER TABLE stances DISABLE TRIGGER stances_positions_insert`);
    // The statement labels' triggers too: each COPY would recompute every statement loaded so far.
    const labelTriggers = (
      await client.query<{ name: string; table: string }>(
        `SELECT t.tgname AS name, t.tgrelid::regclass::text AS table FROM pg_trigger t
          WHERE t.tgname LIKE '%\\_labels\\_%' AND NOT t.tgisinternal`,
      )
    ).rows;
    for (const trigger of labelTriggers) await client.query(`ALTER TABLE ${trigger.table} DISABLE TRIGGER ${trigger.name}`);

    const statementIds: string[] = [];
    for (let offset = 0; offset < STATEMENTS; offset += CHUNK) {
      const statements: string[] = [];
      const stances: string[] = [];
      const topicLinks: string[] = [];
      const tagLinks: string[] = [];
      for (let i = offset; i < Math.min(STATEMENTS, offset + CHUNK); i++) {
        const id = uuid();
        statementIds.push(id);
        const actor = actors[actorPick.next()];
        const other = targets[targetPick.next()];
        const fraction = Math.min(1, Math.max(0, i / STATEMENTS + (random() - 0.5) / 60));
        const saidOn = date(fraction);
        const lang = chance(0.55) ? 'ar' : 'en';
        const text = sentence(lang, lang === 'ar' ? actor.nameAr : actor.name, lang === 'ar' ? other.nameAr : other.name);
        const translations: Record<string, string> = {};
        if (chance(0.35)) {
          const to = lang === 'ar' ? 'en' : 'ar';
          translations[to] = sentence(to, to === 'ar' ? actor.nameAr : actor.name, to === 'ar' ? other.nameAr : other.name);
        }
        const speakers = personsByActor.get(actor.id);
        const speaker = speakers && chance(0.6) ? pick(speakers) : null;
        const source = sources[Math.min(sources.length - 1, Math.max(0, Math.floor(fraction * sources.length) + int(40) - 20))];
        const created = new Date(Date.parse(saidOn) + int(chance(0.1) ? 400 * DAY : DAY)).toISOString();
        const deleted = chance(0.005) ? created : null;
        statements.push(
          line([
            id,
            text,
            lang,
            translations,
            chance(0.08) ? pick(['tr', 'ru', 'hy', 'fr', 'fa']) : null,
            chance(0.6) ? 'quote' : 'paraphrase',
            pick(['statement', 'statement', 'press_conference', 'social_media', 'interview', 'speech', 'other']),
            speaker,
            actor.id,
            saidOn,
            chance(0.9) ? source.id : null,
            chance(0.25) ? events[Math.min(events.length - 1, Math.floor(fraction * events.length))].id : null,
            chance(0.92) ? 'published' : 'draft',
            chance(0.05) ? 'Checked against the agency wire; wording differs slightly, see "notes", 2nd paragraph.' : null,
            created,
            created,
            deleted,
          ]),
        );
        const stanceCount = pick([0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3]);
        const seen = new Set<string>();
        for (let s = 0; s < stanceCount; s++) {
          const value = pick([-2, -2, -1, -1, -1, 0, 1, 1, 1, 2, 2]);
          if (chance(0.55)) {
            const topic = topics[topicPick.next()].id;
            if (!seen.has(topic)) stances.push(line([uuid(), id, null, topic, value]));
            seen.add(topic);
          } else {
            const target = targets[targetPick.next()];
            if (target.id !== actor.id && !seen.has(target.id)) stances.push(line([uuid(), id, target.id, null, value]));
            seen.add(target.id);
          }
        }
        const topicSet = new Set([topics[topicPick.next()].id, ...(chance(0.3) ? [topics[topicPick.next()].id] : [])]);
        for (const topic of topicSet) topicLinks.push(line([id, topic]));
        const tagCount = pick([0, 1, 1, 2, 2, 2, 3, 3, 4]);
        const tagSet = new Set(Array.from({ length: tagCount }, () => tags[tagPick.next()].id));
        for (const tag of tagSet) tagLinks.push(line([id, tag]));
      }
      await copy(
        client,
        'statements',
        [
          'id',
          'text',
          'lang',
          'translations',
          'original_lang',
          'kind',
          'channel',
          'speaker_id',
          'actor_id',
          'said_on',
          'source_id',
          'event_id',
          'status',
          'notes',
          'created_at',
          'updated_at',
          'deleted_at',
        ],
        statements,
      );
      await copy(client, 'stances', ['id', 'statement_id', 'target_actor_id', 'target_topic_id', 'value'], stances);
      await copy(client, 'statement_topics', ['statement_id', 'topic_id'], topicLinks);
      await copy(client, 'statement_tags', ['statement_id', 'tag_id'], tagLinks);
      if ((offset / CHUNK) % 8 === 7 || offset + CHUNK >= STATEMENTS)
        log(`${Math.min(STATEMENTS, offset + CHUNK).toLocaleString('en')} statements`);
    }
    const relations = new Set<string>();
    const relationLines: string[] = [];
    for (let i = 0; i < STATEMENTS * 0.03; i++) {
      const from = int(STATEMENTS);
      const to = Math.max(0, from - 1 - int(200));
      const type = pick(['responds_to', 'contradicts', 'supports', 'repeats', 'clarifies']);
      const key = `${from}:${to}:${type}`;
      if (from === to || relations.has(key)) continue;
      relations.add(key);
      relationLines.push(line([statementIds[from], statementIds[to], type]));
    }
    await copy(client, 'relations', ['from_statement_id', 'to_statement_id', 'type'], relationLines);
    log(`${relationLines.length} relations; building indexes`);

    for (const index of indexes) await client.query(index.definition);
    await client.query(`ALTER TABLE stances ENABLE TRIGGER stances_positions_insert`);
    for (const trigger of labelTriggers) await client.query(`ALTER TABLE ${trigger.table} ENABLE TRIGGER ${trigger.name}`);
    log('indexes rebuilt; computing position aggregates');
    await client.query(`SELECT stance_positions_rebuild()`);
    await client.query(`SELECT stance_position_facts_rebuild()`);
    log('computing statement labels');
    await client.query(`SELECT stance_rebuild_statement_labels()`);
    await client.query(`VACUUM (ANALYZE)`);
    const counts = await client.query(
      `SELECT (SELECT count(*) FROM statements)::int AS statements, (SELECT count(*) FROM stances)::int AS stances,
              (SELECT count(*) FROM statement_tags)::int AS tags, (SELECT count(*) FROM position_months)::int AS position_months,
              pg_size_pretty(pg_database_size(current_database())) AS size`,
    );
    log(`done: ${JSON.stringify(counts.rows[0])}`);
    await client.end();
  } finally {
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
