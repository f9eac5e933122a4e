import { createTestApp, TestApp } from '../utils/test-app';
import { readArticle } from './seed-actors';

describe('POST /api/extract', () => {
  let t: TestApp;
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp({ seed: true });
    const rows = (await t.dataSource.query(`SELECT id, slug FROM actors`)) as { id: string; slug: string }[];
    ids = Object.fromEntries(rows.map((r) => [r.slug, r.id]));
  });
  afterAll(() => t.close());

  it('finds the seed article statements with offsets into the posted text and the actors of the database', async () => {
    const text = readArticle('seeds/sources/karabakh-2023-09-ar.txt');
    const res = await t.as('editor').post('/api/extract').send({ text, lang: 'ar' }).expect(200);
    const candidates = res.body.candidates as {
      text: string;
      start: number;
      end: number;
      kind: string;
      speakerId: string;
      actorId: string;
    }[];
    expect(candidates.length).toBeGreaterThan(20);
    for (const c of candidates) expect(text.slice(c.start, c.end)).toBe(c.text);
    expect(candidates.find((c) => c.text.startsWith('نحن ندعم'))).toMatchObject({
      kind: 'quote',
      speakerId: ids['recep-tayyip-erdogan'],
      actorId: ids['turkey-presidency'],
      cue: 'قال',
      suggestedStance: { direction: 'support', value: 2, targetActorId: ids.azerbaijan, suggestion: true },
    });
    expect(candidates.find((c) => c.text.startsWith('أكدت أنقرة'))).toMatchObject({ kind: 'paraphrase', mention: 'أنقرة' });
  });

  it('sees actors added after start (the dictionary is built per request)', async () => {
    await t.dataSource.query(
      `INSERT INTO actors (slug, name, names, aliases, kind) VALUES ('eu', 'European Union', '{"ar":"الاتحاد الأوروبي"}', '{EU,Brussels}', 'international_org')`,
    );
    const [{ id }] = (await t.dataSource.query(`SELECT id FROM actors WHERE slug = 'eu'`)) as { id: string }[];
    const res = await t.as('editor').post('/api/extract').send({ text: 'Brussels said the talks would resume next week.' }).expect(200);
    expect(res.body.candidates).toEqual([
      {
        text: 'Brussels said the talks would resume next week',
        start: 0,
        end: 46,
        kind: 'paraphrase',
        mention: 'Brussels',
        speakerId: null,
        actorId: id,
        cue: 'said',
        confidence: 0.8,
        speakerName: null,
        speakerTitle: null,
        suggestedBodyId: null,
        suggestedSaidOn: null,
      },
    ]);
  });

  it('is for editors, and validates its body', async () => {
    await t.as('analyst').post('/api/extract').send({ text: 'x said y' }).expect(403);
    await t.http.post('/api/extract').send({ text: 'x said y' }).expect(401);
    const bad = await t.as('editor').post('/api/extract').send({ text: '', lang: 'Arabic', extra: 1 }).expect(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['extra', 'lang', 'text']);
  });
});
