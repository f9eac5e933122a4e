import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Expected, quality, readArticle, sameStatement, seedExtractor } from './seed-actors';

/**
 * The extractor on whole articles: fixtures written for the tests (every expected candidate
 * with its speaker) and the seed article, compared with the curated statements of the seed.
 */
describe('extraction on fixture articles', () => {
  const extractor = seedExtractor();
  const fixtures = ['ar-ceasefire-reactions', 'en-karabakh-exodus'];

  it.each(fixtures)('%s: every candidate expected, with its kind, speaker and actor', (name) => {
    const text = readArticle(`tests/fixtures/articles/${name}.txt`);
    const expected = JSON.parse(
      readFileSync(join(__dirname, '..', 'fixtures', 'articles', `${name}.expected.json`), 'utf8'),
    ) as (Expected & {
      stance?: { direction: string; value: number | null; target: string | null };
    })[];
    const candidates = extractor.extract(text);
    for (const c of candidates) expect(text.slice(c.start, c.end)).toBe(c.text);
    expect(candidates.map((c) => c.text)).toEqual(expected.map((e) => e.text));
    candidates.forEach((c, i) => {
      const e = expected[i];
      expect({ text: c.text, kind: c.kind, speaker: c.speakerId, actor: c.actorId }).toEqual({
        text: e.text,
        kind: e.kind,
        speaker: e.speaker,
        actor: e.actor,
      });
      if (e.stance) {
        expect(c.suggestedStance).toEqual({
          direction: e.stance.direction,
          value: e.stance.value,
          targetActorId: e.stance.target,
          suggestion: true,
        });
      }
    });
  });

  /** A curated quote that is a fragment of a curated reported clause is that clause's statement: one candidate per statement. */
  const ownStatements = (curated: Expected[]) =>
    curated.filter((s) => !(s.kind === 'quote' && curated.some((o) => o !== s && o.kind === 'paraphrase' && o.text.includes(`${s.text}`))));

  it('finds nearly all curated statements of the seed article, and little else', () => {
    const text = readArticle('seeds/sources/karabakh-2023-09-ar.txt');
    const curated = ownStatements(JSON.parse(readArticle('seeds/data/statements.json')) as Expected[]);
    const candidates = extractor.extract(text);
    for (const c of candidates) expect(text.slice(c.start, c.end)).toBe(c.text);
    const q = quality(candidates, curated);
    expect(q.recall).toBeGreaterThanOrEqual(0.85);
    expect(q.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('attributes the seed article quotes to the curated speaker and actor', () => {
    const text = readArticle('seeds/sources/karabakh-2023-09-ar.txt');
    const curated = ownStatements(JSON.parse(readArticle('seeds/data/statements.json')) as Expected[]).filter((s) => s.kind === 'quote');
    const candidates = extractor.extract(text);
    const wrong = curated.filter((s) => {
      // A quoted fragment inside a reported clause is found as that clause (one candidate per statement).
      const c =
        candidates.find((x) => x.kind === 'quote' && sameStatement(x.text, s.text)) ??
        candidates.find((x) => x.kind === 'paraphrase' && x.text.includes(s.text));
      return !c || c.speakerId !== (s.speaker ?? null) || c.actorId !== s.actor;
    });
    expect(wrong.map((s) => s.text)).toEqual([]);
  });
});
