import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ActorDictionary, KnownActor } from './actor-dictionary';
import { ExtractedCandidate, StatementExtractor } from './extract';

/** One article of an extraction set: its text, language, published date and gold statements. */
export interface EvalArticle {
  file: string;
  lang: string;
  published: string | null;
  text: string;
  statements: { text: string; kind: 'quote' | 'paraphrase'; speaker_mention: string; actor_root: string }[];
}

export interface LanguageScore {
  gold: number;
  candidates: number;
  matched: number;
  kind: number;
  actor: number;
  recall: number;
  precision: number;
  kindRight: number;
  actorRight: number;
}

interface SeedActor {
  slug: string;
  name: string;
  names: Record<string, string>;
  aliases: string[];
  kind: string;
  parent: string | null;
  roles?: { actor: string; from: string | null; to: string | null }[];
}

interface RootSpec {
  kind: string;
  ar: string;
  aliases: string[];
}

const fold = (s: string) =>
  String(s || '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه');

/**
 * The actors an editor would have before pasting the set's articles: the seed's, plus the
 * top-level actors of the set's `actors.json` that the seed lacks (matched as its scorer does).
 */
export function evalActors(repoRoot: string, setDir: string): { actors: KnownActor[]; roots: Map<string, string> } {
  const seed = JSON.parse(readFileSync(join(repoRoot, 'seeds/data/actors.json'), 'utf8')) as SeedActor[];
  const actors: KnownActor[] = seed.map((a) => ({
    id: a.slug,
    name: a.name,
    names: a.names,
    aliases: a.aliases,
    kind: a.kind,
    parentId: a.parent,
    roles: (a.roles ?? []).map((r) => ({ actorId: r.actor, from: r.from, to: r.to })),
  }));
  const names = (a: KnownActor) => [a.name, ...Object.values(a.names ?? {}), ...(a.aliases ?? [])].map(fold);
  const { roots } = JSON.parse(readFileSync(join(setDir, 'actors.json'), 'utf8')) as { roots: Record<string, RootSpec> };
  const rootIds = new Map<string, string>();
  for (const [name, spec] of Object.entries(roots)) {
    const want = [name, spec.ar, spec.aliases[0]].map(fold);
    const hit = actors.find((a) => !a.parentId && a.kind !== 'person' && names(a).some((n) => want.includes(n)));
    if (hit) {
      rootIds.set(hit.id, name);
      continue;
    }
    const id = `root:${name}`;
    actors.push({ id, name, names: { en: name, ar: spec.ar }, aliases: spec.aliases, kind: spec.kind, parentId: null });
    rootIds.set(id, name);
  }
  return { actors, roots: rootIds };
}

export function readEvalSet(setDir: string): EvalArticle[] {
  return readdirSync(setDir)
    .filter((f) => /^\d\d-.*\.json$/.test(f))
    .sort()
    .map((f) => {
      const meta = JSON.parse(readFileSync(join(setDir, f), 'utf8')) as Omit<EvalArticle, 'text'>;
      return { ...meta, file: f, text: readFileSync(join(setDir, f.replace(/\.json$/, '.txt')), 'utf8') };
    });
}

/**
 * Scores the extractor on a set the way the set's own scorer does: candidates matched one to one
 * to gold statements by character overlap (at least half the shorter span), then per language
 * recall, precision, kind right and speaker → top-level actor right.
 */
export function scoreExtraction(
  articles: EvalArticle[],
  actors: KnownActor[],
  roots: Map<string, string>,
  extract: (article: EvalArticle, extractor: StatementExtractor) => ExtractedCandidate[] = (a, x) =>
    x.extract(a.text, a.lang, a.published ?? undefined),
): { scores: Record<string, LanguageScore>; notes: string[] } {
  const dictionary = new ActorDictionary(actors);
  const extractor = new StatementExtractor(dictionary);
  const rootOf = (id: string | null) => {
    let a = dictionary.get(id);
    if (a && a.kind === 'person' && a.roles?.length) a = dictionary.get(a.roles[a.roles.length - 1].actorId) ?? a;
    for (let guard = 0; a && a.parentId && guard < 20; guard++) a = dictionary.get(a.parentId) ?? a;
    return a ? (roots.get(a.id) ?? null) : null;
  };
  const scores: Record<string, LanguageScore> = {};
  const notes: string[] = [];
  for (const article of articles) {
    const cands = extract(article, extractor);
    const gold = article.statements.map((g) => ({
      ...g,
      start: article.text.indexOf(g.text),
      end: article.text.indexOf(g.text) + g.text.length,
    }));
    const s = (scores[article.lang] ??= {
      gold: 0,
      candidates: 0,
      matched: 0,
      kind: 0,
      actor: 0,
      recall: 0,
      precision: 0,
      kindRight: 0,
      actorRight: 0,
    });
    s.gold += gold.length;
    s.candidates += cands.length;
    const pairs: { gi: number; ci: number; overlap: number }[] = [];
    gold.forEach((g, gi) =>
      cands.forEach((c, ci) => {
        const overlap = Math.min(g.end, c.end) - Math.max(g.start, c.start);
        if (overlap > 0 && overlap >= 0.5 * Math.min(g.end - g.start, c.end - c.start)) pairs.push({ gi, ci, overlap });
      }),
    );
    pairs.sort((a, b) => b.overlap - a.overlap);
    const usedG = new Set<number>();
    const usedC = new Set<number>();
    for (const p of pairs) {
      if (usedG.has(p.gi) || usedC.has(p.ci)) continue;
      usedG.add(p.gi);
      usedC.add(p.ci);
      s.matched++;
      const c = cands[p.ci];
      const g = gold[p.gi];
      if (c.kind === g.kind) s.kind++;
      else notes.push(`${article.file}: kind of "${g.text.slice(0, 50)}…" is ${g.kind}, got ${c.kind}`);
      const got = rootOf(c.actorId) ?? rootOf(c.speakerId);
      if (got === g.actor_root) s.actor++;
      else
        notes.push(
          `${article.file}: actor of "${g.text.slice(0, 50)}…" is ${g.actor_root} (${g.speaker_mention}), got ${got} (mention "${c.mention}")`,
        );
    }
    gold.forEach((g, gi) => {
      if (!usedG.has(gi)) notes.push(`${article.file}: missed ${g.kind} "${g.text.slice(0, 60)}…" (${g.speaker_mention})`);
    });
    cands.forEach((c, ci) => {
      if (!usedC.has(ci)) notes.push(`${article.file}: extra ${c.kind} "${c.text.slice(0, 60)}…" (mention "${c.mention}")`);
    });
  }
  for (const s of Object.values(scores)) {
    s.recall = s.gold ? s.matched / s.gold : 0;
    s.precision = s.candidates ? s.matched / s.candidates : 0;
    s.kindRight = s.matched ? s.kind / s.matched : 0;
    s.actorRight = s.matched ? s.actor / s.matched : 0;
  }
  return { scores, notes };
}
