import { describe, expect, it } from 'vitest';
import {
  candidateToDraft,
  candidatesToDrafts,
  defaultSaidOn,
  draftListPath,
  draftToPayload,
  guessLang,
  readImportResult,
  segmentText,
  type Candidate,
} from './logic';

const candidate = (over: Partial<Candidate> = {}): Candidate => ({
  text: 'نرفض الاعتداء',
  start: 0,
  end: 5,
  kind: 'quote',
  mention: 'الرئيس',
  speakerId: 'p1',
  actorId: 'a1',
  cue: 'قال',
  ...over,
});

describe('segmentText', () => {
  it('splits plain and highlighted pieces that join back to the text', () => {
    const text = 'He said "we agree". She added "no".';
    const segments = segmentText(text, [
      { start: 8, end: 18 },
      { start: 30, end: 34 },
    ]);
    expect(segments).toEqual([
      { text: 'He said ', candidate: null },
      { text: '"we agree"', candidate: 0 },
      { text: '. She added ', candidate: null },
      { text: '"no"', candidate: 1 },
      { text: '.', candidate: null },
    ]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
  });

  it('keeps Arabic text whole and in order, sorted by offset', () => {
    const text = 'قال الوزير «نحن مع السلام» أمس';
    const start = text.indexOf('«');
    const end = text.indexOf('»') + 1;
    const segments = segmentText(
      text,
      [
        { start: 0, end: 3 },
        { start, end },
      ].reverse(),
    );
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments[0]).toEqual({ text: 'قال', candidate: 1 });
    expect(segments.find((s) => s.candidate === 0)?.text).toBe('«نحن مع السلام»');
  });

  it('clamps offsets, skips empty spans and trims overlaps', () => {
    const segments = segmentText('abcdef', [
      { start: 1, end: 4 },
      { start: 2, end: 5 },
      { start: 3, end: 3 },
      { start: 4, end: 99 },
    ]);
    expect(segments.map((s) => s.text).join('')).toBe('abcdef');
    expect(segments).toEqual([
      { text: 'a', candidate: null },
      { text: 'bcd', candidate: 0 },
      { text: 'e', candidate: 1 },
      { text: 'f', candidate: 3 },
    ]);
  });

  it('returns the text alone without candidates', () => {
    expect(segmentText('x', [])).toEqual([{ text: 'x', candidate: null }]);
    expect(segmentText('', [])).toEqual([]);
  });
});

describe('candidate to statement', () => {
  it('prefills the draft from the candidate and its suggested stance', () => {
    const draft = candidateToDraft(
      candidate({ kind: 'paraphrase', suggestedStance: { direction: 'oppose', value: -2, targetActorId: 't1', suggestion: true } }),
      '2024-05-01',
    );
    expect(draft).toMatchObject({
      selected: true,
      kind: 'paraphrase',
      speakerId: 'p1',
      actorId: 'a1',
      saidOn: '2024-05-01',
      targetActorId: 't1',
      stanceValue: -2,
      stanceSuggested: true,
    });
  });

  it('leaves the stance empty for a call without a value', () => {
    const draft = candidateToDraft(
      candidate({ suggestedStance: { direction: 'call_for', value: null, targetActorId: null, suggestion: true } }),
      '2024-05-01',
    );
    expect(draft.stanceValue).toBeNull();
    expect(draftToPayload(draft, { sourceId: 's1', lang: 'ar' }).stances).toEqual([]);
  });

  it('maps a draft to a draft statement payload', () => {
    const draft = {
      ...candidateToDraft(candidate(), '2024-05-01'),
      text: '  edited  ',
      targetActorId: 't2',
      stanceValue: 1,
      topicIds: ['x'],
    };
    expect(draftToPayload(draft, { sourceId: 's1', lang: 'ar' })).toEqual({
      text: 'edited',
      lang: 'ar',
      kind: 'quote',
      channel: 'statement',
      speakerId: 'p1',
      actorId: 'a1',
      saidOn: '2024-05-01',
      sourceId: 's1',
      topicIds: ['x'],
      stances: [{ targetActorId: 't2', targetTopicId: null, value: 1 }],
      status: 'draft',
    });
  });

  it('sends nulls for what is not set', () => {
    const draft = { ...candidateToDraft(candidate({ speakerId: null, actorId: null }), ''), speakerId: '' as unknown as null };
    const payload = draftToPayload(draft, { sourceId: null, lang: '' });
    expect(payload).toMatchObject({ speakerId: null, actorId: null, sourceId: null, lang: 'ar', saidOn: null, stances: [] });
  });

  it('guesses the language when none was chosen', () => {
    expect(guessLang('قال الوزير')).toBe('ar');
    expect(guessLang('The minister said')).toBe('en');
    expect(draftToPayload({ ...candidateToDraft(candidate(), ''), text: 'We agree' }, { sourceId: null, lang: null }).lang).toBe('en');
  });

  it('defaults the date to the source publication or today', () => {
    const now = new Date('2025-03-04T10:00:00Z');
    expect(defaultSaidOn('2024-01-02', now)).toBe('2024-01-02');
    expect(defaultSaidOn('2024-01-02T00:00:00.000Z', now)).toBe('2024-01-02');
    expect(defaultSaidOn(null, now)).toBe('2025-03-04');
  });

  it('links to the drafts list', () => {
    expect(decodeURIComponent(draftListPath())).toBe('/statements?filter={"status":"draft"}');
  });
});

describe('readImportResult', () => {
  it('reads counts and row errors from 200 and 400', () => {
    expect(readImportResult(200, { created: 2, updated: 1, errors: [] })).toEqual({ created: 2, updated: 1, errors: [] });
    const errors = [{ row: 3, field: 'saidOn', message: 'bad date' }];
    expect(readImportResult(400, { created: 0, updated: 0, errors })).toEqual({ created: 0, updated: 0, errors });
  });

  it('throws the server message otherwise', () => {
    expect(() => readImportResult(403, { message: 'Forbidden' })).toThrow('Forbidden');
    expect(() => readImportResult(400, { message: ['a', 'b'] })).toThrow('a; b');
    expect(() => readImportResult(500, null)).toThrow('HTTP 500');
  });
});

describe('candidatesToDrafts', () => {
  const c = (start: number, end: number, extra: Partial<Candidate> = {}): Candidate => ({
    text: 'x',
    start,
    end,
    kind: 'quote',
    mention: null,
    speakerId: null,
    actorId: null,
    cue: null,
    ...extra,
  });
  it('leaves a candidate that overlaps one already checked unchecked, so nothing is saved twice', () => {
    expect(candidatesToDrafts([c(0, 50), c(10, 20), c(60, 70)], '2024-01-01').map((d) => d.selected)).toEqual([true, false, true]);
  });
  it('takes the suggested date and the suggested body of a new speaker', () => {
    const [draft] = candidatesToDrafts(
      [c(0, 5, { suggestedSaidOn: { date: '2023-12-30', basis: 'weekday', suggestion: true }, suggestedBodyId: 'b1' })],
      '2024-01-01',
    );
    expect(draft).toMatchObject({ saidOn: '2023-12-30', actorId: 'b1' });
  });
});
