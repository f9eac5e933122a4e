import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ActorDictionary, KnownActor } from '../../apps/api/src/intake/actor-dictionary';
import { StatementExtractor } from '../../apps/api/src/intake/extract';
import type { ExtractedCandidate } from '../../apps/api/src/intake/extract';
import { normalize } from '../../apps/api/src/common/text-normalize';

interface SeedActor {
  slug: string;
  name: string;
  names: Record<string, string>;
  aliases: string[];
  kind: string;
  parent: string | null;
  roles?: { actor: string; from: string | null; to: string | null }[];
}

const root = join(__dirname, '..', '..');

/** The seed's actors as the extractor sees them, with slugs for ids so expectations read plainly. */
export function seedActors(): KnownActor[] {
  const raw = JSON.parse(readFileSync(join(root, 'seeds/data/actors.json'), 'utf8')) as SeedActor[];
  return raw.map((a) => ({
    id: a.slug,
    name: a.name,
    names: a.names,
    aliases: a.aliases,
    kind: a.kind,
    parentId: a.parent,
    roles: (a.roles ?? []).map((r) => ({ actorId: r.actor, from: r.from, to: r.to })),
  }));
}

export function seedExtractor(today = '2026-11-23'): StatementExtractor {
  return new StatementExtractor(new ActorDictionary(seedActors()), today);
}

export function readArticle(path: string): string {
  return readFileSync(join(root, path), 'utf8');
}

export interface Expected {
  text: string;
  kind: 'quote' | 'paraphrase';
  speaker?: string | null;
  actor?: string | null;
}

const words = (text: string) => normalize(text).match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * A candidate finds an expected statement when at least 60% of the longer one's words are
 * shared: boundaries may differ by a connective or a trailing clause, the statement may not.
 */
export function sameStatement(a: string, b: string): boolean {
  const wa = words(a);
  const wb = new Set(words(b));
  const shared = new Set(wa.filter((w) => wb.has(w))).size;
  return shared / Math.max(new Set(wa).size, wb.size) >= 0.6;
}

export interface Quality {
  precision: number;
  recall: number;
  found: number;
  expected: number;
  candidates: number;
  missed: string[];
  extra: string[];
}

export function quality(candidates: ExtractedCandidate[], expected: Expected[]): Quality {
  const missed = expected.filter((e) => !candidates.some((c) => sameStatement(c.text, e.text))).map((e) => e.text);
  const extra = candidates.filter((c) => !expected.some((e) => sameStatement(c.text, e.text))).map((c) => c.text);
  return {
    precision: (candidates.length - extra.length) / candidates.length,
    recall: (expected.length - missed.length) / expected.length,
    found: expected.length - missed.length,
    expected: expected.length,
    candidates: candidates.length,
    missed,
    extra,
  };
}
