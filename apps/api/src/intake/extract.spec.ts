import { ActorDictionary, KnownActor } from './actor-dictionary';
import { arabicCue } from './cues';
import { StatementExtractor } from './extract';
import { findQuotes } from './quotes';
import { normalize, normalizeWithMap } from '../common/text-normalize';

const actors: KnownActor[] = [
  { id: 'az', name: 'Azerbaijan', names: { ar: 'أذربيجان' }, aliases: ['Baku', 'باكو', 'Azerbaijani'], kind: 'state', parentId: null },
  { id: 'tr', name: 'Turkey', names: { ar: 'تركيا' }, aliases: ['Ankara', 'أنقرة', 'التركية', 'Turkish'], kind: 'state', parentId: null },
  {
    id: 'tr-mfa',
    name: 'Ministry of Foreign Affairs of Turkey',
    names: { ar: 'وزارة الخارجية التركية' },
    aliases: ['الخارجية التركية', 'Turkish Foreign Ministry'],
    kind: 'government_body',
    parentId: 'tr',
  },
  { id: 'tr-pres', name: 'Presidency of Turkey', names: {}, aliases: ['الرئيس التركي'], kind: 'government_body', parentId: 'tr' },
  { id: 'un', name: 'United Nations', names: { ar: 'الأمم المتحدة' }, aliases: ['UN'], kind: 'international_org', parentId: null },
  {
    id: 'erdogan',
    name: 'Recep Tayyip Erdogan',
    names: { ar: 'رجب طيب أردوغان' },
    aliases: ['Erdogan', 'أردوغان'],
    kind: 'person',
    roles: [
      { actorId: 'tr-mfa', from: '2003-01-01', to: '2014-08-27' },
      { actorId: 'tr-pres', from: '2014-08-28', to: null },
    ],
  },
];
const extractor = new StatementExtractor(new ActorDictionary(actors), '2026-11-23');
const extract = (text: string) => {
  const out = extractor.extract(text);
  for (const c of out) expect(text.slice(c.start, c.end)).toBe(c.text);
  return out.map((c) => ({ text: c.text, kind: c.kind, speaker: c.speakerId, actor: c.actorId, mention: c.mention, cue: c.cue }));
};

describe('Arabic normalisation', () => {
  it('folds like stance_normalize() in the database and keeps offsets into the original', () => {
    expect(normalize('وأكّدَ أنقرةُ')).toBe('واكد انقره');
    const { text, map } = normalizeWithMap('أذربيـجان');
    expect(text).toBe('اذربيجان');
    expect(map[text.indexOf('جان')]).toBe('أذربيـجان'.indexOf('جان'));
  });
});

describe('cues', () => {
  it.each(['قال', 'قالت', 'وقالت', 'فقال', 'أكّد', 'وأكّدت', 'أعلنت', 'ندّدت', 'دعت', 'دعوا', 'أشاروا', 'وأضاف', 'اعتبر', 'طالبت', 'حذّر'])(
    'recognises %s with its inflection, shadda and conjunction',
    (word) => {
      expect(arabicCue(normalize(word))).toBeDefined();
    },
  );
  it('does not take nouns or other verbs for cues', () => {
    for (const word of ['قائل', 'الدعم', 'شنت', 'وزارة']) expect(arabicCue(normalize(word))).toBeUndefined();
  });
});

describe('quotation marks', () => {
  const quoted = (text: string) => findQuotes(text).map((q) => text.slice(q.start, q.end));
  it('pairs «…», “…”, the right-to-left ”…“ and straight quotes', () => {
    expect(quoted('قال: «نعم» ثم “لا” و”ربما“ و"أبدا"')).toEqual(['نعم', 'لا', 'ربما', 'أبدا']);
  });
  it('does not mistake apostrophes for single quotes', () => {
    expect(quoted("Azerbaijan's army said 'we don't target civilians,' and the region's people left")).toEqual([
      "we don't target civilians,",
    ]);
    expect(quoted('Azerbaijan’s army said ‘we don’t target civilians’ today')).toEqual(['we don’t target civilians']);
    expect(quoted("the separatists' leaders and the Armenians' demands")).toEqual([]);
  });
});

describe('speaker matching', () => {
  it('takes the longest name, metonyms included, through hamza and prefix variants', () => {
    expect(extract('وأكدت انقرة أن الحوار هو الطريق الوحيد.')).toMatchObject([{ actor: 'tr', mention: 'انقرة' }]);
    expect(extract('وقالت الخارجية التركية إن الحوار هو الطريق الوحيد.')).toMatchObject([{ actor: 'tr-mfa' }]);
    expect(extract('Ankara said the talks would resume.')).toMatchObject([{ actor: 'tr', mention: 'Ankara' }]);
  });
  it('gives a person as speaker and the body of the role held today as actor', () => {
    expect(extract('وأكد الرئيس التركي رجب طيب أردوغان دعم أذربيجان.')).toMatchObject([
      { speaker: 'erdogan', actor: 'tr-pres', mention: 'الرئيس التركي رجب طيب أردوغان' },
    ]);
  });
  it('matches acronyms only in capitals', () => {
    expect(extract('The UN said aid had arrived.')).toMatchObject([{ actor: 'un' }]);
    expect(extract('An un-named official said aid had arrived.')).toMatchObject([{ actor: null }]);
  });
});

describe('Arabic rules', () => {
  it('reads a reported clause from the verb to the end of the sentence, without the conjunction', () => {
    expect(extract('وأعلنت باكو سقوط أول مدني.')).toEqual([
      { text: 'أعلنت باكو سقوط أول مدني', kind: 'paraphrase', speaker: null, actor: 'az', mention: 'باكو', cue: 'أعلنت' },
    ]);
  });
  it('hands a colon over to the quote: "قالت الوزارة في بيان: «…»"', () => {
    expect(extract('وقالت الخارجية التركية في بيان: «ندعم الخطوات التي اتخذتها أذربيجان»')).toMatchObject([
      { text: 'ندعم الخطوات التي اتخذتها أذربيجان', kind: 'quote', actor: 'tr-mfa', cue: 'قالت' },
    ]);
  });
  it('carries the speaker to a bare "وأضاف" and resolves "الوزارة" to the ministry named before', () => {
    const out = extract(
      'وقالت الخارجية التركية إن العملية مبررة تماما.\nوأضاف: «الحوار هو السبيل الوحيد للسلام في المنطقة».\nوقالت الوزارة في بيان: «سنواصل دعم الحوار بين الطرفين بكل الوسائل».',
    );
    expect(out.map((c) => [c.kind, c.actor])).toEqual([
      ['paraphrase', 'tr-mfa'],
      ['quote', 'tr-mfa'],
      ['quote', 'tr-mfa'],
    ]);
  });
  it('splits clauses at a new cue and at "وأن", and takes "كانت … قد دعت"', () => {
    expect(extract('وأكد أردوغان أن العملية مشروعة وأن أنقرة تدعم باكو، فيما دعت الأمم المتحدة إلى التهدئة.').map((c) => c.text)).toEqual([
      'أكد أردوغان أن العملية مشروعة',
      'أن أنقرة تدعم باكو',
      'دعت الأمم المتحدة إلى التهدئة',
    ]);
    expect(extract('وكانت الأمم المتحدة قد دعت إلى وقف إطلاق النار.')).toMatchObject([
      { text: 'كانت الأمم المتحدة قد دعت إلى وقف إطلاق النار', actor: 'un' },
    ]);
  });
  it('leaves short scare quotes inside a clause and sentences without a cue', () => {
    expect(extract('وشنّت أذربيجان عملية "محدودة" في الإقليم.')).toEqual([]);
  });
});

describe('English rules', () => {
  it('reads "X said" and "said X" around a quote, and carries it to the next quoted sentence', () => {
    expect(extract('"We support Azerbaijan," Erdogan said. "Karabakh is Azerbaijani land."')).toMatchObject([
      { text: 'We support Azerbaijan', kind: 'quote', speaker: 'erdogan', cue: 'said' },
      { text: 'Karabakh is Azerbaijani land.', kind: 'quote', speaker: 'erdogan', cue: '' },
    ]);
    expect(extract('"Talks must resume now," said the Turkish Foreign Ministry.')).toMatchObject([{ kind: 'quote', actor: 'tr-mfa' }]);
  });
  it('carries the speaker to "He added"', () => {
    expect(extract('Erdogan said Turkey stood by Baku. He added that talks should resume.')).toMatchObject([
      { kind: 'paraphrase', speaker: 'erdogan' },
      { text: 'He added that talks should resume', speaker: 'erdogan', mention: 'Erdogan' },
    ]);
  });
  it('reads "according to X" and "X urged"', () => {
    expect(extract('According to the UN, convoys reached the city.')).toMatchObject([
      { actor: 'un', mention: 'the UN', cue: 'According to' },
    ]);
    expect(extract('The UN urged both sides to show restraint.')).toMatchObject([{ actor: 'un', cue: 'urged' }]);
  });
});

describe('suggested stances', () => {
  const stance = (text: string) => extractor.extract(text)[0]?.suggestedStance;
  it('condemn → -2 toward the named actor', () => {
    expect(stance('وندّدت الخارجية التركية بالهجوم الذي شنته أذربيجان.')).toEqual({
      direction: 'oppose',
      value: -2,
      targetActorId: 'az',
      suggestion: true,
    });
    expect(stance('The UN condemned Azerbaijan for the shelling.')).toMatchObject({ direction: 'oppose', targetActorId: 'az' });
  });
  it('support → +2, but not when negated', () => {
    expect(stance('وأكد أردوغان "دعم" أذربيجان في قرارها.')).toMatchObject({ direction: 'support', value: 2, targetActorId: 'az' });
    expect(stance('Erdogan said Turkey supports Azerbaijan.')).toMatchObject({ direction: 'support', targetActorId: 'az' });
    expect(stance('Erdogan said Turkey does not support the plan.')).toBeUndefined();
  });
  it('a call is only a direction', () => {
    expect(stance('ودعت الأمم المتحدة أذربيجان إلى ضبط النفس.')).toEqual({
      direction: 'call_for',
      value: null,
      targetActorId: null,
      suggestion: true,
    });
  });
});
