import type { Pool } from 'pg';
import type { Request } from 'autocannon';
import { ARABIC, ENGLISH } from '../vocabulary';

/** Ids drawn from the benchmark database, busiest first (activity is Zipf-like, so are the requests). */
export interface Fixtures {
  /** Top-level actors that speak, busiest first: subtree filters. */
  roots: string[];
  /** Actors that statements are spoken for, busiest first: narrower subtrees, and what creates speak for. */
  actors: string[];
  topics: string[];
  /** The busiest tags, sources and events: statement filters the position aggregates do not hold. */
  tags: string[];
  sources: string[];
  events: string[];
}

export async function loadFixtures(pool: Pool): Promise<Fixtures> {
  const ids = async (sql: string) => (await pool.query<{ id: string }>(sql)).rows.map((row) => row.id);
  return {
    roots: await ids(`SELECT a.path[1] AS id FROM statements s JOIN actors a ON a.id = s.actor_id
                       WHERE s.deleted_at IS NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 20`),
    actors: await ids(`SELECT actor_id AS id FROM statements WHERE deleted_at IS NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 60`),
    topics: await ids(`SELECT topic_id AS id FROM statement_topics GROUP BY 1 ORDER BY count(*) DESC LIMIT 40`),
    tags: await ids(`SELECT tag_id AS id FROM statement_tags GROUP BY 1 ORDER BY count(*) DESC LIMIT 20`),
    sources: await ids(`SELECT source_id AS id FROM statements WHERE source_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 40`),
    events: await ids(`SELECT event_id AS id FROM statements WHERE event_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 20`),
  };
}

/** mulberry32: a small seeded generator, so that every run (and both servers) sees the same request sequence. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
/** Skewed towards the start of the list (the busiest ids), like the data. */
const skewed = <T>(random: Random, items: T[]): T => items[Math.floor(items.length * random() ** 2)];
const uniform = <T>(random: Random, items: T[]): T => items[Math.floor(items.length * random())];
const page = (random: Random, pages: number) => {
  const start = 25 * Math.floor(pages * random() ** 2);
  return [start, start + 24];
};
const yearRange = (random: Random, years: number) => {
  const from = 2015 + Math.floor(random() * (11 - years));
  return { saidFrom: `${from}-01-01`, saidTo: `${from + years - 1}-12-31` };
};

/** `/api/<resource>?filter=…&sort=…&range=…` with each parameter as JSON. */
export const apiPath = (resource: string, params: Record<string, unknown>) =>
  `/api/${resource}?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, JSON.stringify(v)]))}`;

/** The hot list: a busy top-level actor's subtree over one year, first or second page (the bench's "subtree + one year"). */
export function hotListPath(random: Random, f: Fixtures): string {
  const filter = { actorId: skewed(random, f.roots.slice(0, 10)), ...yearRange(random, 1) };
  return apiPath('statements', { filter, range: page(random, 2) });
}

/** A filtered statements list as the admin UI asks for it: subtree, dates, topic, in pages of 25. */
export function listPath(random: Random, f: Fixtures): string {
  const choice = random();
  if (choice < 0.4) return hotListPath(random, f);
  const filter =
    choice < 0.6
      ? { actorId: skewed(random, f.actors), ...yearRange(random, 3) }
      : choice < 0.8
        ? { actorId: skewed(random, f.roots), topicId: skewed(random, f.topics) }
        : { topicId: skewed(random, f.topics), ...yearRange(random, 2) };
  return apiPath('statements', { filter, range: page(random, 4) });
}

/** Full-text search, Arabic or English, newest first (the admin's default once a sort is clicked) or ranked. */
export function searchPath(random: Random, f: Fixtures): string {
  const q = random() < 0.55 ? uniform(random, ARABIC.nouns) : uniform(random, ENGLISH.nouns);
  const filter = random() < 0.5 ? { q } : { q, actorId: skewed(random, f.roots) };
  return apiPath('statements', random() < 0.7 ? { filter, sort: ['saidOn', 'DESC'], range: page(random, 2) } : { filter, range: [0, 24] });
}

/** Positions of a top-level subtree: from the aggregates (60%), or with a statement filter they do not hold (40%). */
export function positionsPath(random: Random, f: Fixtures): string {
  const root = skewed(random, f.roots);
  const choice = random();
  const filter =
    choice < 0.3
      ? { actorId: root, targetType: 'topic' }
      : choice < 0.4
        ? { actorId: root, targetType: 'topic', rollup: true }
        : choice < 0.5
          ? { actorId: root, targetType: 'topic', saidFrom: '2023-01-15', saidTo: '2023-12-31' }
          : choice < 0.6
            ? { actorId: root, targetType: 'actor' }
            : { actorId: root, targetType: 'topic', ...statementFilter(random, f) };
  return apiPath('positions', { filter, range: [0, 24] });
}

/** One filter on what statements say outside the aggregates: language, kind, tag, source or event. */
function statementFilter(random: Random, f: Fixtures): Record<string, string> {
  const choice = random();
  if (choice < 0.2) return { lang: random() < 0.5 ? 'ar' : 'en' };
  if (choice < 0.4) return { kind: 'paraphrase' };
  if (choice < 0.6) return { tagId: skewed(random, f.tags) };
  if (choice < 0.8) return { sourceId: skewed(random, f.sources) };
  return { eventId: skewed(random, f.events) };
}

/** What a request was, for the per-kind status counts. */
export type Kind = 'hot' | 'list' | 'search' | 'positions' | 'filtered positions' | 'create' | 'update';

export interface Tally {
  /** kind → status → responses */
  statuses: Record<string, Record<number, number>>;
  /** The kind of the response autocannon is about to report (its 'response' event follows `onResponse` at once). */
  last: Kind;
}

/** autocannon's per-request context: what `setupRequest` chose, for `onResponse`. */
interface Context {
  kind: Kind;
  editor?: Editor;
  row?: Editor['own'][number];
}

interface Editor {
  token: string;
  /** Statements this editor created during the load, with their current version; `busy` while a PUT is in flight. */
  own: { id: string; version: number; busy: boolean }[];
}

interface Weights {
  hot: number;
  list: number;
  search: number;
  positions: number;
  create: number;
  update: number;
}

/** 80% reads of lists and searches, 10% positions, 10% writes. */
export const MIXED: Weights = { hot: 0, list: 0.64, search: 0.16, positions: 0.1, create: 0.05, update: 0.05 };
/** The reads of the mixed workload, in its proportions: what the bare handler serves too. */
export const MIXED_READS: Weights = { hot: 0, list: 0.64 / 0.9, search: 0.16 / 0.9, positions: 0.1 / 0.9, create: 0, update: 0 };
/** Only the list route, for the comparison with the bare handler: every kind of list, or the hot one alone. */
export const LIST_ONLY: Weights = { hot: 0, list: 1, search: 0, positions: 0, create: 0, update: 0 };
export const HOT_LIST: Weights = { hot: 1, list: 0, search: 0, positions: 0, create: 0, update: 0 };

/**
 * One autocannon request whose `setupRequest` draws the next request by weight from a seeded
 * sequence. Each editor updates only statements it created itself in this run, and never two
 * at once, so an update always sends the current `version` and a 409 cannot happen.
 */
export function workload(
  f: Fixtures,
  weights: Weights,
  tokens: { analyst: string; editors: string[] },
  seed: number,
): { requests: Request[]; tally: Tally } {
  const random = seeded(seed);
  const editors: Editor[] = tokens.editors.map((token) => ({ token, own: [] }));
  const tally: Tally = { statuses: {}, last: 'list' };
  const read = (path: string) => ({ method: 'GET' as const, path, headers: { authorization: `Bearer ${tokens.analyst}` } });
  const json = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
  let created = 0;

  const pick = (): keyof Weights => {
    let r = random();
    for (const kind of Object.keys(weights) as (keyof Weights)[]) {
      if ((r -= weights[kind]) < 0) return kind;
    }
    return 'list';
  };

  const setupRequest = (request: Request, untyped: object): Request => {
    const context = untyped as Context;
    let kind: Kind = pick();
    const editor = uniform(random, editors);
    const row = kind === 'update' ? editor.own.find((candidate) => !candidate.busy) : undefined;
    if (kind === 'update' && !row) kind = 'create';
    context.kind = kind;
    switch (kind) {
      case 'hot':
        return { ...request, ...read(hotListPath(random, f)) };
      case 'list':
        return { ...request, ...read(listPath(random, f)) };
      case 'search':
        return { ...request, ...read(searchPath(random, f)) };
      case 'positions': {
        const path = positionsPath(random, f);
        // Reported apart: positions with a statement filter the aggregates do not hold.
        if (/lang|kind|tagId|sourceId|eventId/.test(decodeURIComponent(path))) context.kind = 'filtered positions';
        return { ...request, ...read(path) };
      }
      case 'create': {
        context.editor = editor;
        const arabic = random() < 0.55;
        const words = arabic ? ARABIC : ENGLISH;
        const body = {
          text: `${uniform(random, words.subjects)} ${uniform(random, words.openers)} ${uniform(random, words.nouns)} (load ${++created})`,
          lang: arabic ? 'ar' : 'en',
          kind: 'quote',
          actorId: skewed(random, f.actors),
          saidOn: `2025-0${1 + Math.floor(random() * 6)}-1${Math.floor(random() * 10)}`,
          topicIds: [skewed(random, f.topics)],
          stances: [{ targetTopicId: skewed(random, f.topics), value: Math.floor(random() * 5) - 2 }],
        };
        return { ...request, method: 'POST', path: '/api/statements', headers: json(editor.token), body: JSON.stringify(body) };
      }
      case 'update': {
        row!.busy = true;
        context.row = row;
        const body = { version: row!.version, status: random() < 0.5 ? 'published' : 'draft', notes: `checked ${random().toFixed(6)}` };
        return { ...request, method: 'PUT', path: `/api/statements/${row!.id}`, headers: json(editor.token), body: JSON.stringify(body) };
      }
    }
  };

  const onResponse = (status: number, body: string, untyped: object) => {
    const context = untyped as Context;
    const kind = context.kind;
    tally.last = kind;
    const counts = (tally.statuses[kind] ??= {});
    counts[status] = (counts[status] ?? 0) + 1;
    if (kind === 'create' && status === 201) {
      const { id, version } = JSON.parse(body) as { id: string; version: number };
      context.editor!.own.push({ id, version, busy: false });
    } else if (kind === 'update') {
      const row = context.row!;
      if (status === 200) row.version = (JSON.parse(body) as { version: number }).version;
      row.busy = false;
    }
  };

  return { requests: [{ method: 'GET', path: '/api/health', setupRequest, onResponse }], tally };
}
