import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { v5 as uuidv5 } from 'uuid';
import type { EntityManager } from 'typeorm';
import type { DataSource } from 'typeorm';

/** The seed files' shapes: references are slugs (actors, topics, tags) or keys (events, sources, statements). */
interface SeedActor {
  slug: string;
  name: string;
  names: Record<string, string>;
  aliases: string[];
  kind: string;
  parent: string | null;
  roles?: { actor: string; title: string; from: string | null; to: string | null }[];
  notes?: string;
}
interface SeedTopic {
  slug: string;
  name: string;
  names: Record<string, string>;
  parent: string | null;
  description?: string;
}
interface SeedTag {
  slug: string;
  name: string;
}
interface SeedEvent {
  key: string;
  name: string;
  names: Record<string, string>;
  startDate: string | null;
  endDate: string | null;
  description?: string;
}
interface SeedSource {
  key: string;
  title: string;
  outlet: string | null;
  url: string | null;
  publishedAt: string | null;
  lang: string | null;
  credit: string | null;
  bodyFile?: string;
}
interface SeedStatement {
  key: string;
  text: string;
  lang: string;
  translations: Record<string, string>;
  originalLang: string | null;
  kind: string;
  channel: string;
  speaker: string | null;
  actor: string;
  saidOn: string;
  source: string | null;
  event: string | null;
  topics: string[];
  tags: string[];
  stances: ({ actor: string; value: number } | { topic: string; value: number })[];
  status: string;
  notes?: string;
}
interface SeedRelation {
  from: string;
  to: string;
  type: string;
  note?: string;
}

export interface SeedData {
  actors: SeedActor[];
  topics: SeedTopic[];
  tags: SeedTag[];
  events: SeedEvent[];
  sources: (SeedSource & { body: string | null })[];
  statements: SeedStatement[];
  relations: SeedRelation[];
}

export interface SeedResult {
  seeded: boolean;
  inserted: Record<string, number>;
}

/** Seed ids are derived from slugs and keys, so a second run finds every row already there. */
const NAMESPACE = 'a5b3f0a2-4c1e-4f57-9f0e-5d1c2b7a9e10';
export const seedId = (kind: string, key: string): string => uuidv5(`${kind}:${key}`, NAMESPACE);

export const SEED_DIR = [join(__dirname, 'data'), join(__dirname, '..', '..', 'seeds', 'data')].find((dir) =>
  existsSync(join(dir, 'statements.json')),
);

export function loadSeedData(dir = SEED_DIR): SeedData {
  if (!dir) throw new Error('seed data folder seeds/data not found');
  const read = <T>(name: string): T => JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as T;
  const sourcesDir = join(dir, '..', 'sources');
  return {
    actors: read('actors'),
    topics: read('topics'),
    tags: read('tags'),
    events: read('events'),
    sources: read<SeedSource[]>('sources').map((source) => ({
      ...source,
      body: source.bodyFile ? readFileSync(join(sourcesDir, source.bodyFile), 'utf8') : null,
    })),
    statements: read('statements'),
    relations: read('relations'),
  };
}

/**
 * Loads the curated seed in one transaction. Rows that exist (same id, or same slug) are left as
 * they are, so running it again changes nothing and never overwrites an editor's later work.
 */
export async function seedDatabase(dataSource: DataSource, options: { onlyIfEmpty?: boolean; data?: SeedData } = {}): Promise<SeedResult> {
  const data = options.data ?? loadSeedData();
  return dataSource.transaction(async (tx) => {
    // One seeding at a time, even with several API instances starting together.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('stance:seed'))`);
    if (options.onlyIfEmpty) {
      const [{ empty }] = await tx.query(`SELECT NOT EXISTS (SELECT 1 FROM actors) AND NOT EXISTS (SELECT 1 FROM statements) AS empty`);
      if (!empty) return { seeded: false, inserted: {} };
    }
    return { seeded: true, inserted: await insertAll(tx, data) };
  });
}

async function insertAll(tx: EntityManager, data: SeedData): Promise<Record<string, number>> {
  const inserted: Record<string, number> = {};
  const insert = async (table: string, row: Record<string, unknown>, conflict = 'ON CONFLICT DO NOTHING') => {
    const columns = Object.keys(row);
    const params = columns.map((_, i) => `$${i + 1}`);
    const rows = (await tx.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${params.join(', ')}) ${conflict} RETURNING 1`,
      Object.values(row),
    )) as unknown[];
    inserted[table] = (inserted[table] ?? 0) + rows.length;
  };
  const idsBySlug = async (table: string): Promise<Map<string, string>> => {
    const rows = (await tx.query(`SELECT id, slug FROM ${table}`)) as { id: string; slug: string }[];
    return new Map(rows.map((row) => [row.slug, row.id]));
  };
  const ref = (map: Map<string, string>, key: string | null, what: string): string | null => {
    if (key === null || key === undefined) return null;
    const id = map.get(key);
    if (!id) throw new Error(`seed: unknown ${what} "${key}"`);
    return id;
  };
  const json = (value: unknown) => JSON.stringify(value ?? {});

  for (const actor of parentsFirst(data.actors)) {
    const actors = await idsBySlug('actors');
    await insert('actors', {
      id: seedId('actor', actor.slug),
      slug: actor.slug,
      name: actor.name,
      names: json(actor.names),
      aliases: actor.aliases ?? [],
      kind: actor.kind,
      parent_id: ref(actors, actor.parent, 'parent actor'),
      description: actor.notes ?? null,
    });
  }
  const actors = await idsBySlug('actors');
  for (const actor of data.actors) {
    for (const role of actor.roles ?? []) {
      await insert('actor_roles', {
        id: seedId('role', `${actor.slug}:${role.actor}:${role.from ?? ''}`),
        person_id: ref(actors, actor.slug, 'person'),
        actor_id: ref(actors, role.actor, 'role actor'),
        title: role.title,
        started_on: role.from,
        ended_on: role.to,
      });
    }
  }
  for (const topic of parentsFirst(data.topics)) {
    const topics = await idsBySlug('topics');
    await insert('topics', {
      id: seedId('topic', topic.slug),
      slug: topic.slug,
      name: topic.name,
      names: json(topic.names),
      parent_id: ref(topics, topic.parent, 'parent topic'),
      description: topic.description ?? null,
    });
  }
  const topics = await idsBySlug('topics');
  for (const tag of data.tags) await insert('tags', { id: seedId('tag', tag.slug), slug: tag.slug, name: tag.name });
  const tags = await idsBySlug('tags');
  const events = new Map(data.events.map((event) => [event.key, seedId('event', event.key)]));
  for (const event of data.events) {
    await insert('events', {
      id: events.get(event.key),
      name: event.name,
      names: json(event.names),
      start_date: event.startDate,
      end_date: event.endDate,
      description: event.description ?? null,
    });
  }
  const sources = new Map(data.sources.map((source) => [source.key, seedId('source', source.key)]));
  for (const source of data.sources) {
    await insert('sources', {
      id: sources.get(source.key),
      title: source.title,
      outlet: source.outlet,
      url: source.url,
      published_at: source.publishedAt,
      lang: source.lang,
      credit: source.credit,
      body: source.body,
    });
  }
  const statements = new Map(data.statements.map((statement) => [statement.key, seedId('statement', statement.key)]));
  for (const s of data.statements) {
    const id = statements.get(s.key)!;
    await insert('statements', {
      id,
      text: s.text,
      lang: s.lang,
      translations: json(s.translations),
      original_lang: s.originalLang,
      kind: s.kind,
      channel: s.channel,
      speaker_id: ref(actors, s.speaker, 'speaker'),
      actor_id: ref(actors, s.actor, 'actor'),
      said_on: s.saidOn,
      source_id: ref(sources, s.source, 'source'),
      event_id: ref(events, s.event, 'event'),
      status: s.status,
      notes: s.notes ?? null,
    });
    for (const slug of s.topics) await insert('statement_topics', { statement_id: id, topic_id: ref(topics, slug, 'topic') });
    for (const slug of s.tags) await insert('statement_tags', { statement_id: id, tag_id: ref(tags, slug, 'tag') });
    for (const stance of s.stances) {
      const target = 'actor' in stance ? `actor:${stance.actor}` : `topic:${stance.topic}`;
      await insert('stances', {
        id: seedId('stance', `${s.key}:${target}`),
        statement_id: id,
        target_actor_id: 'actor' in stance ? ref(actors, stance.actor, 'stance target actor') : null,
        target_topic_id: 'topic' in stance ? ref(topics, stance.topic, 'stance target topic') : null,
        value: stance.value,
      });
    }
  }
  for (const relation of data.relations) {
    await insert('relations', {
      id: seedId('relation', `${relation.from}:${relation.type}:${relation.to}`),
      from_statement_id: ref(statements, relation.from, 'relation statement'),
      to_statement_id: ref(statements, relation.to, 'relation statement'),
      type: relation.type,
      note: relation.note ?? null,
    });
  }
  return inserted;
}

/** Orders rows so that every parent comes before its children. */
function parentsFirst<T extends { slug: string; parent: string | null }>(rows: T[]): T[] {
  const bySlug = new Map(rows.map((row) => [row.slug, row]));
  const depth = (row: T, seen = new Set<string>()): number => {
    if (!row.parent || !bySlug.has(row.parent) || seen.has(row.slug)) return 0;
    seen.add(row.slug);
    return 1 + depth(bySlug.get(row.parent)!, seen);
  };
  return [...rows].sort((a, b) => depth(a) - depth(b));
}
