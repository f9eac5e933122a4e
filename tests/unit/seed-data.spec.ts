/**
 * Integrity checks for the seed data in seeds/: pure file reads, no database.
 * Every reference resolves, vocabularies come from libs/common, quotes are verbatim.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ACTOR_KINDS, CHANNELS, RELATION_TYPES, STANCE_MAX, STANCE_MIN, STATEMENT_KINDS, STATUSES } from '../../libs/common/src';

const SEEDS = path.join(__dirname, '../../seeds');
const DATA = path.join(SEEDS, 'data');
/** The shared original, wherever the checkout has it (inside the repo or next to it). */
const SHARED_SOURCES = [
  path.join(__dirname, '../../shared/sources/karabakh-2023-09-ar.txt'),
  path.join(__dirname, '../../../shared/sources/karabakh-2023-09-ar.txt'),
];

interface Role {
  actor: string;
  title: string;
  from: string;
  to: string | null;
}
interface Actor {
  slug: string;
  name: string;
  names: Record<string, string>;
  aliases: string[];
  kind: string;
  parent: string | null;
  roles: Role[];
  notes?: string;
}
interface Topic {
  slug: string;
  name: string;
  names: Record<string, string>;
  parent: string | null;
  description: string;
}
interface Tag {
  slug: string;
  name: string;
}
interface SeedEvent {
  key: string;
  name: string;
  names: Record<string, string>;
  startDate: string;
  endDate: string | null;
  description: string;
}
interface Source {
  key: string;
  title: string;
  outlet: string;
  url: string | null;
  publishedAt: string;
  lang: string;
  credit: string;
  bodyFile: string;
}
interface Stance {
  actor?: string;
  topic?: string;
  value: number;
}
interface Statement {
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
  source: string;
  event: string | null;
  topics: string[];
  tags: string[];
  stances: Stance[];
  status: string;
  notes?: string;
}
interface Relation {
  from: string;
  to: string;
  type: string;
  note?: string;
}

function load<T>(file: string): T[] {
  const parsed: unknown = JSON.parse(fs.readFileSync(path.join(DATA, file), 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${file} must hold a JSON array`);
  return parsed as T[];
}

const actors = load<Actor>('actors.json');
const topics = load<Topic>('topics.json');
const tags = load<Tag>('tags.json');
const events = load<SeedEvent>('events.json');
const sources = load<Source>('sources.json');
const statements = load<Statement>('statements.json');
const relations = load<Relation>('relations.json');

const actorBySlug = new Map(actors.map((a) => [a.slug, a]));
const topicSlugs = new Set(topics.map((t) => t.slug));
const tagSlugs = new Set(tags.map((t) => t.slug));
const eventKeys = new Set(events.map((e) => e.key));
const sourceByKey = new Map(sources.map((s) => [s.key, s]));
const statementKeys = new Set(statements.map((s) => s.key));

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isIsoDate(value: unknown): boolean {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) dups.add(v);
    seen.add(v);
  }
  return [...dups];
}

function sourceBody(key: string): string {
  const src = sourceByKey.get(key);
  if (!src) throw new Error(`unknown source ${key}`);
  return fs.readFileSync(path.join(SEEDS, 'sources', src.bodyFile), 'utf8');
}

describe('seed data', () => {
  describe('identifiers', () => {
    it.each([
      ['actors', actors.map((a) => a.slug)],
      ['topics', topics.map((t) => t.slug)],
      ['tags', tags.map((t) => t.slug)],
      ['events', events.map((e) => e.key)],
      ['sources', sources.map((s) => s.key)],
      ['statements', statements.map((s) => s.key)],
    ])('%s have unique kebab-case slugs/keys', (_name, ids) => {
      expect(duplicates(ids)).toEqual([]);
      expect(ids.filter((id) => !SLUG.test(id))).toEqual([]);
    });
  });

  describe('actors', () => {
    it('use an allowed kind and carry English and Arabic names', () => {
      for (const a of actors) {
        expect(ACTOR_KINDS).toContain(a.kind);
        expect(typeof a.name).toBe('string');
        expect(a.names.en).toBeTruthy();
        expect(a.names.ar).toBeTruthy();
        expect(Array.isArray(a.aliases)).toBe(true);
      }
    });

    it('have parents that resolve to non-person actors and form no cycle', () => {
      for (const a of actors) {
        if (a.parent === null) continue;
        const parent = actorBySlug.get(a.parent);
        expect(parent).toBeDefined();
        expect(parent?.kind).not.toBe('person');
        const seen = new Set<string>([a.slug]);
        let cur: Actor | undefined = parent;
        while (cur) {
          expect(seen.has(cur.slug)).toBe(false);
          seen.add(cur.slug);
          cur = cur.parent === null ? undefined : actorBySlug.get(cur.parent);
        }
      }
    });

    it('keep persons out of the hierarchy and roles on persons only', () => {
      for (const a of actors) {
        if (a.kind === 'person') {
          expect(a.parent).toBeNull();
          expect(actors.filter((child) => child.parent === a.slug)).toEqual([]);
        } else {
          expect(a.roles).toEqual([]);
        }
      }
    });

    it('have roles that point at non-person actors with valid dates', () => {
      for (const a of actors) {
        for (const r of a.roles) {
          const target = actorBySlug.get(r.actor);
          expect(target).toBeDefined();
          expect(target?.kind).not.toBe('person');
          expect(r.title).toBeTruthy();
          expect(isIsoDate(r.from)).toBe(true);
          if (r.to !== null) {
            expect(isIsoDate(r.to)).toBe(true);
            expect(r.to >= r.from).toBe(true);
          }
        }
      }
    });
  });

  describe('topics, events and sources', () => {
    it('topic parents resolve', () => {
      for (const t of topics) {
        if (t.parent !== null) expect(topicSlugs.has(t.parent)).toBe(true);
        expect(t.names.en).toBeTruthy();
        expect(t.names.ar).toBeTruthy();
      }
    });

    it('events have valid, ordered dates', () => {
      for (const e of events) {
        expect(isIsoDate(e.startDate)).toBe(true);
        if (e.endDate !== null) {
          expect(isIsoDate(e.endDate)).toBe(true);
          expect(e.endDate >= e.startDate).toBe(true);
        }
      }
    });

    it('sources have a valid date and an existing body file', () => {
      for (const s of sources) {
        expect(isIsoDate(s.publishedAt)).toBe(true);
        expect(fs.existsSync(path.join(SEEDS, 'sources', s.bodyFile))).toBe(true);
      }
    });

    it('the seeded article is a byte-for-byte copy of the shared source', () => {
      const seeded = fs.readFileSync(path.join(SEEDS, 'sources', 'karabakh-2023-09-ar.txt'));
      for (const shared of SHARED_SOURCES.filter((p) => fs.existsSync(p))) {
        expect(seeded.equals(fs.readFileSync(shared))).toBe(true);
      }
    });
  });

  describe('statements', () => {
    it('are at least 20', () => {
      expect(statements.length).toBeGreaterThanOrEqual(20);
    });

    it('use vocabulary from libs/common', () => {
      for (const s of statements) {
        expect(STATEMENT_KINDS).toContain(s.kind);
        expect(CHANNELS).toContain(s.channel);
        expect(STATUSES).toContain(s.status);
      }
    });

    it('quote the source verbatim when kind is quote', () => {
      const misquoted = statements.filter((s) => s.kind === 'quote' && !sourceBody(s.source).includes(s.text)).map((s) => s.key);
      expect(misquoted).toEqual([]);
    });

    it('have a speaker that is a person and an actor that is not', () => {
      for (const s of statements) {
        const actor = actorBySlug.get(s.actor);
        expect(actor).toBeDefined();
        expect(actor?.kind).not.toBe('person');
        if (s.speaker !== null) {
          expect(actorBySlug.get(s.speaker)?.kind).toBe('person');
        }
      }
    });

    it('reference existing sources, events, topics and tags', () => {
      for (const s of statements) {
        expect(sourceByKey.has(s.source)).toBe(true);
        if (s.event !== null) expect(eventKeys.has(s.event)).toBe(true);
        for (const t of s.topics) expect(topicSlugs.has(t)).toBe(true);
        for (const t of s.tags) expect(tagSlugs.has(t)).toBe(true);
      }
    });

    it('have well-formed text, language and dates', () => {
      for (const s of statements) {
        expect(s.text.trim()).toBe(s.text);
        expect(s.text.length).toBeGreaterThan(0);
        expect(s.lang).toBe('ar');
        expect(s.translations.en).toBeTruthy();
        expect(isIsoDate(s.saidOn)).toBe(true);
      }
    });

    it('have stances with exactly one resolvable target and an integer value in range', () => {
      for (const s of statements) {
        for (const st of s.stances) {
          const hasActor = st.actor !== undefined;
          const hasTopic = st.topic !== undefined;
          expect(hasActor !== hasTopic).toBe(true);
          if (hasActor) expect(actorBySlug.has(st.actor as string)).toBe(true);
          if (hasTopic) expect(topicSlugs.has(st.topic as string)).toBe(true);
          expect(Number.isInteger(st.value)).toBe(true);
          expect(st.value).toBeGreaterThanOrEqual(STANCE_MIN);
          expect(st.value).toBeLessThanOrEqual(STANCE_MAX);
        }
      }
    });
  });

  describe('relations', () => {
    it('join two different existing statements with an allowed type', () => {
      for (const r of relations) {
        expect(statementKeys.has(r.from)).toBe(true);
        expect(statementKeys.has(r.to)).toBe(true);
        expect(r.from).not.toBe(r.to);
        expect(RELATION_TYPES).toContain(r.type);
      }
    });

    it('are not duplicated', () => {
      expect(duplicates(relations.map((r) => `${r.from}|${r.to}|${r.type}`))).toEqual([]);
    });
  });
});
