import { ActorDictionary, KnownActor } from './actor-dictionary';
import { StatementExtractor } from './extract';
import { ExtractionGate } from './extraction-pool';
import { dateIn } from './said-on';
import { normalize } from '../common/text-normalize';

/** Rules of the news genre, each with a short example written for the test. */
const actors: KnownActor[] = [
  {
    id: 'ru',
    name: 'Russia',
    names: { ar: 'روسيا' },
    aliases: ['Kremlin', 'الكرملين', 'Russian', 'الروسي'],
    kind: 'state',
    parentId: null,
  },
  { id: 'ir', name: 'Iran', names: { ar: 'إيران' }, aliases: ['Iranian', 'الإيراني', 'الإيرانية'], kind: 'state', parentId: null },
  { id: 'un', name: 'United Nations', names: { ar: 'الأمم المتحدة' }, aliases: ['UN'], kind: 'international_org', parentId: null },
  { id: 'fr', name: 'France', names: { ar: 'فرنسا' }, aliases: ['Paris', 'French'], kind: 'state', parentId: null },
];
const extractor = new StatementExtractor(new ActorDictionary(actors), '2026-01-01');
const run = (text: string, publishedOn?: string) => extractor.extract(text, undefined, publishedOn);
const brief = (text: string) => run(text).map((c) => ({ text: c.text, kind: c.kind, actor: c.actorId }));

describe('speakers the database does not know', () => {
  it('gives a person named after a title the body the title names, and remembers them by surname', () => {
    const out = run(
      'Kremlin spokesman Ivan Petrovsky said the talks were useful.\n\nPetrovsky added that a new round was planned for May.',
    );
    expect(out.map((c) => [c.actorId, c.speakerName, c.speakerTitle, c.suggestedBodyId])).toEqual([
      ['ru', 'Ivan Petrovsky', 'Kremlin spokesman', 'ru'],
      ['ru', 'Ivan Petrovsky', 'Kremlin spokesman', 'ru'],
    ]);
  });
  it('reads an Arabic title before the name and carries the person to a bare surname', () => {
    const out = run('وقال وزير الخارجية الإيراني كريم نوري إن المحادثات كانت مفيدة.\n\nوأضاف نوري أن الجولة المقبلة ستعقد قريبا.');
    expect(out.map((c) => c.actorId)).toEqual(['ir', 'ir']);
    expect(out[0]).toMatchObject({ speakerName: 'كريم نوري', suggestedBodyId: 'ir' });
  });
  it('finds the body in an apposition after the name', () => {
    const out = run('Ali Karimi, an Iranian government spokesman, spoke on Monday.\n\nKarimi said the report was unfair to his country.');
    expect(out.map((c) => c.actorId)).toEqual(['ir']);
  });
});

describe('one candidate per statement', () => {
  it('takes a clause whose whole content is quoted as the quote', () => {
    expect(brief('وقال المتحدث باسم الكرملين إن «روسيا لا تريد الحرب مع أحد».')).toEqual([
      { text: 'روسيا لا تريد الحرب مع أحد', kind: 'quote', actor: 'ru' },
    ]);
  });
  it('takes a clause with a quoted fragment as one paraphrase', () => {
    const out = brief('The Kremlin said the proposal was "a step in the wrong direction" for everyone involved.');
    expect(out).toHaveLength(1);
    expect(out[0].kind).toBe('paraphrase');
  });
});

describe('cues of the genre', () => {
  it('splits an English sentence at each reporting verb, with its own subject', () => {
    expect(brief('The Kremlin said the border was calm, while Paris said its patrols had seen shelling.').map((c) => c.actor)).toEqual([
      'ru',
      'fr',
    ]);
  });
  it('reads participles as the same speaker continuing', () => {
    expect(brief('The UN said aid was blocked, adding that the roads were unsafe for trucks.')).toEqual([
      { text: 'The UN said aid was blocked', kind: 'paraphrase', actor: 'un' },
      { text: 'adding that the roads were unsafe for trucks', kind: 'paraphrase', actor: 'un' },
    ]);
  });
  it('reads Arabic verbs that are also common words only with their complement', () => {
    expect(brief('ولفت الكرملين إلى أن الحدود هادئة تماما.')).toHaveLength(1);
    expect(brief('وتابع الكرملين التطورات في المنطقة باهتمام.')).toEqual([]);
  });
  it('never takes an agency for the speaker', () => {
    expect(brief('Interfax said the meeting had ended early.')).toEqual([]);
    expect(brief('The Kremlin told Reuters that the meeting had ended early.').map((c) => c.actor)).toEqual(['ru']);
  });
  it('does not read passives or relative clauses as reports', () => {
    expect(brief('The plan, which was announced by officials last week, is popular.')).toEqual([]);
  });
  it('skips the headline and short subheadings', () => {
    expect(brief('Kremlin says talks are useful\n\nWhat next?\n\nThe Kremlin said the talks were useful for both sides.')).toHaveLength(1);
  });
  it('exposes a confidence per candidate, lower for a speaker it could not name', () => {
    const [named] = run('The Kremlin said the talks were useful for both sides.');
    const [unnamed] = run('The committee said the talks were useful for both sides.');
    expect(named.confidence).toBeGreaterThan(unnamed.confidence);
  });
});

describe('when it was said', () => {
  it('reads a weekday before the published date, yesterday, and a written date', () => {
    expect(dateIn(normalize('said on Tuesday that'), '2024-03-07')).toMatchObject({ date: '2024-03-05', basis: 'weekday' });
    expect(dateIn(normalize('وقال الثلاثاء إن'), '2024-03-07')).toMatchObject({ date: '2024-03-05', basis: 'weekday' });
    expect(dateIn(normalize('قال أمس'), '2024-03-07')).toMatchObject({ date: '2024-03-06', basis: 'relative' });
    expect(dateIn(normalize('on March 3, 2023'), undefined)).toMatchObject({ date: '2023-03-03', basis: 'date' });
    expect(dateIn(normalize('في 30 ديسمبر'), '2024-01-02')).toMatchObject({ date: '2023-12-30' });
  });
  it('suggests the date on each candidate, carrying it to the next sentence', () => {
    const out = run('The Kremlin said on Monday the talks were useful.\n\nIt added that more would follow soon.', '2025-06-05');
    expect(out.map((c) => c.suggestedSaidOn?.date)).toEqual(['2025-06-02', '2025-06-02']);
  });
});

describe('extraction admission', () => {
  it('refuses beyond the per-user and the total bound with 429 / 503 and Retry-After, and frees slots when done', async () => {
    const waiting: (() => void)[] = [];
    const gate = new ExtractionGate({ maxPerUser: 1, maxPending: 2 }, () => new Promise((resolve) => waiting.push(() => resolve([]))));
    const job = { actors: [], text: 'x', today: '2026-01-01' };
    const first = gate.run('a', job);
    await expect(gate.run('a', job)).rejects.toMatchObject({ status: 429, response: { retryAfter: 2 } });
    const second = gate.run('b', job);
    await expect(gate.run('c', job)).rejects.toMatchObject({ status: 503 });
    waiting.forEach((done) => done());
    await Promise.all([first, second]);
    await expect(Promise.race([gate.run('a', job), Promise.resolve('admitted')])).resolves.toBe('admitted');
  });
});
