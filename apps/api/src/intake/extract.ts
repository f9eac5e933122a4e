import { ActorDictionary, KnownActor } from './actor-dictionary';
import {
  ARABIC_COMPLEMENTS,
  ARABIC_CUES_NEEDING_COMPLEMENT,
  ARABIC_KANA,
  ARABIC_LEADS,
  ARABIC_MASDARS,
  ARABIC_MENTION_STOPS,
  ARABIC_NEGATION,
  ARABIC_PARTICIPLES,
  ARABIC_SUPPORT,
  ARABIC_TITLE_WORDS,
  arabicCue,
  CueMeaning,
  ENGLISH_LEADS,
  ENGLISH_NEGATION,
  ENGLISH_PRONOUNS,
  ENGLISH_SUPPORT,
  ENGLISH_CONNECTORS,
  ENGLISH_DOCUMENTS,
  ENGLISH_OUTLETS,
  ENGLISH_PASSIVE,
  ENGLISH_TITLE_WORDS,
  ARABIC_OUTLETS,
  englishCue,
  englishParticiple,
} from './cues';
import { findQuotes, QuoteSpan } from './quotes';
import { dateIn, SuggestedDate } from './said-on';
import { normalize, normalizeWithMap } from '../common/text-normalize';

export type CandidateKind = 'quote' | 'paraphrase';

/** A stance the wording suggests; the editor confirms it. `value` is null for a mere call. */
export interface SuggestedStance {
  direction: 'support' | 'oppose' | 'call_for';
  value: number | null;
  targetActorId: string | null;
  suggestion: true;
}

/** One statement found in an article; `text === article.slice(start, end)`. */
export interface ExtractedCandidate {
  text: string;
  start: number;
  end: number;
  kind: CandidateKind;
  mention: string;
  speakerId: string | null;
  actorId: string | null;
  cue: string;
  suggestedStance?: SuggestedStance;
  /** 0–1: how sure the pattern that found it is. */
  confidence: number;
  /** A speaker the database does not know: the person's name and title as the article gives them, and the body the title names. */
  speakerName: string | null;
  speakerTitle: string | null;
  suggestedBodyId: string | null;
  /** When it was said, from the article's dates against its published date; null when nothing tells. */
  suggestedSaidOn: SuggestedDate | null;
}

interface Span {
  start: number;
  end: number;
}

interface Token extends Span {
  norm: string;
}

interface Speaker {
  mention: string;
  speakerId: string | null;
  actorId: string | null;
  /** A person the database does not know: the name and title the article gives them. */
  name?: string;
  title?: string;
}

interface Match extends Span {
  actor: KnownActor;
}

/** A reported clause: where it starts and ends, its cue, who says it, and whether a colon hands over to a quote. */
interface Clause extends Span {
  cue: Span & { meaning: CueMeaning };
  speaker: Speaker;
  mentionEnd: number;
  /** The opening mark of the quote a colon hands over to ("قالت الرئاسة في بيان: «…»"); the clause itself is then no candidate. */
  quoteOpen?: number;
}

/** "المتحدث باسم وزارة الدفاع أنار ايفازوف": how far after the verb the speaker's name may start. */
const MAX_WORDS_BEFORE_NAME = 4;
/** A quote this short without punctuation is a scare quote inside a sentence, not a statement. */
const MIN_QUOTE_WORDS = 6;
/** Words that may sit inside a title phrase without being a title: "Secretary of State", "المتحدث باسم". */
const FUNCTION_WORDS = new Set(['the', 'of', 'for', 'and', 'to', 'a', 'an', 'his', 'her', 'its', 'their', 'في', 'من', 'عن', 'مع']);
/** What may stand between a reporting verb's subject and the quotation that is its whole content. */
const COMPLEMENTIZERS = new Set([
  'ان',
  'انه',
  'انها',
  'انهم',
  'اننا',
  'بان',
  'بانه',
  'بانها',
  'بانهم',
  'علي',
  'الي',
  'قايلا',
  'قايله',
  'that',
]);
const TRAILING = /[\s.،,:;؛]+$/;
const TRAILING_CONNECTOR = /(?:[\s.،,:;؛]+(?:while|whereas|but|and|as|و)?)+[\s.،,:;؛]*$/;
/** The first index of `spans` (sorted by start) whose start is at least `at`. */
function lowerBound(spans: Span[], at: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
const NOBODY: Speaker = { mention: '', speakerId: null, actorId: null };
/** A wire credit at the end of a caption: "… - الأناضول". */
const CREDIT = /\s+[-–—]\s+[^\s-–—][^-–—]{0,30}$/;

/**
 * Finds quotations and reported statements in the plain text of an article, Arabic or English,
 * with rules and dictionaries only. Speakers are matched against the actors passed in; a
 * pronoun or a bare verb ("وأضاف", "He added") carries the previous sentence's speaker.
 */
export class StatementExtractor {
  constructor(
    private readonly dictionary: ActorDictionary,
    private readonly today = new Date().toISOString().slice(0, 10),
  ) {}

  /** `publishedOn` (YYYY-MM-DD), the source's date, anchors "on Tuesday" and "yesterday" for `suggestedSaidOn`. */
  extract(text: string, lang?: string, publishedOn?: string): ExtractedCandidate[] {
    return new ExtractionRun(text, this.dictionary, this.today, lang, publishedOn).run();
  }
}

class ExtractionRun {
  private readonly quotes: QuoteSpan[];
  /** For each offset, the index of the quote whose marks enclose it, else -1. */
  private readonly inQuote: Int32Array;
  private readonly matches: Match[];
  private readonly norm: { text: string; map: number[] };
  /** Where the text's first and after its last non-blank character are. */
  private readonly textStart: number;
  private readonly textEnd: number;
  /** Actor found for an unknown person's name (normalised last word), so later bare mentions get it too. */
  private readonly people = new Map<string, { actorId: string | null; name: string; title: string }>();
  /** The date the sentence being read names, else the last one named before it, else the published date. */
  private sentenceDate: SuggestedDate | null = null;
  private lastDate: SuggestedDate | undefined;
  private readonly out: ExtractedCandidate[] = [];
  private last: Speaker | null = null;
  /** Index of the sentence being read, and of the one that last named a speaker. */
  private sentenceIndex = 0;
  private lastSentence = -2;

  constructor(
    private readonly text: string,
    private readonly dictionary: ActorDictionary,
    private readonly today: string,
    private readonly lang?: string,
    private readonly publishedOn?: string,
  ) {
    this.textStart = text.length - text.trimStart().length;
    this.textEnd = text.trimEnd().length;
    this.quotes = findQuotes(text);
    this.inQuote = new Int32Array(text.length + 1).fill(-1);
    this.quotes.forEach((q, n) => this.inQuote.fill(n, q.open + 1, q.close));
    const norm = normalizeWithMap(text);
    this.norm = norm;
    this.matches = dictionary.findAll(norm.text, { text, map: norm.map }).map((m) => ({
      actor: m.actor,
      start: norm.map[m.start],
      end: norm.map[m.end - 1] + 1,
    }));
  }

  run(): ExtractedCandidate[] {
    for (const sentence of this.sentences()) {
      this.sentenceIndex++;
      if (this.isHeading(sentence)) continue;
      const date = dateIn(normalize(this.text.slice(sentence.start, sentence.end)), this.publishedOn);
      if (date) this.lastDate = date;
      this.sentenceDate =
        date ?? this.lastDate ?? (this.publishedOn ? { date: this.publishedOn, basis: 'published', suggestion: true } : null);
      if (this.isArabic(sentence)) this.arabicSentence(sentence);
      else this.englishSentence(sentence);
    }
    const seen = new Set<string>();
    return this.out
      .sort((a, b) => a.start - b.start || b.end - a.end)
      .filter((c) => {
        const key = `${c.kind}:${normalize(c.text)}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
  }

  // ---- sentences and tokens -------------------------------------------------------------

  /**
   * Headlines and subheadings are not statements: the first line of the text, and any short line,
   * when it does not end like a sentence (a full stop, or a closing quote mark).
   */
  private isHeading(sentence: Span): boolean {
    const lineStart = this.text.lastIndexOf('\n', sentence.start - 1) + 1;
    let lineEnd = this.text.indexOf('\n', sentence.start);
    if (lineEnd < 0) lineEnd = this.text.length;
    const line = this.text.slice(lineStart, lineEnd).trim();
    if (/[.!:…»”"“]$/.test(line)) return false;
    const { textStart, textEnd } = this;
    const first = lineStart <= textStart && lineEnd < textEnd;
    const words = this.tokens({ start: lineStart, end: lineEnd }).length;
    return (first && words <= 40) || (words <= 14 && lineEnd < textEnd && lineStart > textStart);
  }

  private sentences(): Span[] {
    const out: Span[] = [];
    let start = 0;
    const push = (end: number) => {
      const span = this.trim({ start, end });
      if (span.end > span.start) out.push(span);
      start = end;
    };
    for (let i = 0; i < this.text.length; i++) {
      const c = this.text[i];
      const next = this.text[i + 1];
      if (c === '\n') {
        push(i);
        continue;
      }
      if (this.inQuote[i] < 0 && this.inQuote[i - 1] >= 0 && this.quotes[this.inQuote[i - 1]].close === i) {
        if (/[.!?؟]/.test(this.text[i - 1]) && (next === undefined || /\s/.test(next))) push(i + 1);
        continue;
      }
      if (!/[.!?؟]/.test(c) || this.insideQuote(i)) continue;
      if (next !== undefined && !/\s/.test(next)) continue;
      if (
        c === '.' &&
        /(?:^|[\s(.])(?:[A-Z]|Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sen|Rep|St|Jr|No|vs|etc)$/.test(this.text.slice(Math.max(0, i - 6), i))
      )
        continue;
      push(i + 1);
    }
    push(this.text.length);
    return out;
  }

  private tokens(span: Span): Token[] {
    const out: Token[] = [];
    const re = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+)*/gu;
    const slice = this.text.slice(span.start, span.end);
    for (let m = re.exec(slice); m; m = re.exec(slice)) {
      out.push({ start: span.start + m.index, end: span.start + m.index + m[0].length, norm: this.word(m[0]) });
    }
    return out;
  }

  /** The actor names found within `[start, end)` (names never overlap, so they are sorted by both ends). */
  private within(start: number, end: number): Match[] {
    const out: Match[] = [];
    for (let i = lowerBound(this.matches, start); i < this.matches.length && this.matches[i].start < end; i++) {
      if (this.matches[i].end <= end) out.push(this.matches[i]);
    }
    return out;
  }

  /** The quotations whose marks both lie within `[start, end)`. */
  private quotesIn(start: number, end: number): QuoteSpan[] {
    const out: QuoteSpan[] = [];
    let lo = 0;
    let hi = this.quotes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.quotes[mid].open < start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.quotes.length && this.quotes[i].open < end; i++) if (this.quotes[i].close < end) out.push(this.quotes[i]);
    return out;
  }

  private readonly words = new Map<string, string>();

  /** A word normalised once per article: long articles repeat their words. */
  private word(raw: string): string {
    let norm = this.words.get(raw);
    if (norm === undefined) this.words.set(raw, (norm = normalize(raw)));
    return norm;
  }

  private isArabic(span: Span): boolean {
    const slice = this.text.slice(span.start, span.end);
    const arabic = (slice.match(/[\u0600-\u06FF]/g) ?? []).length;
    const latin = (slice.match(/[A-Za-z]/g) ?? []).length;
    if (arabic === latin) return (this.lang ?? '').toLowerCase().startsWith('ar');
    return arabic > latin;
  }

  private insideQuote(at: number): QuoteSpan | undefined {
    const n = this.inQuote[at];
    return n >= 0 ? this.quotes[n] : undefined;
  }

  private trim(span: Span, trailing = /\s+$/): Span {
    let { start, end } = span;
    while (start < end && /\s/.test(this.text[start])) start++;
    const m = trailing.exec(this.text.slice(start, end));
    if (m) end = start + m.index;
    return { start, end };
  }

  /** Offsets of clause-separating commas and semicolons in `span`, outside quotes. */
  private boundaries(span: Span): number[] {
    const out: number[] = [];
    for (let i = span.start; i < span.end; i++) if (/[،,;؛]/.test(this.text[i]) && !this.insideQuote(i)) out.push(i);
    return out;
  }

  // ---- Arabic: verb-first clauses -------------------------------------------------------

  private arabicSentence(sentence: Span): void {
    const tokens = this.tokens(sentence);
    const commas = this.boundaries(sentence);
    const clauseStartOf = (at: number) => {
      const comma = commas.filter((c) => c < at).pop();
      return comma === undefined ? sentence.start : comma + 1;
    };
    const openings: { start: number; cue: Span & { meaning: CueMeaning }; subject?: Span; cutAt: number }[] = [];
    let accordingTo: Token | undefined;
    tokens.forEach((token, k) => {
      if (this.insideQuote(token.start)) return;
      const cue = arabicCue(token.norm);
      const clauseStart = clauseStartOf(token.start);
      const before = tokens.slice(0, k).filter((t) => t.start >= clauseStart);
      if (!cue) {
        // ", مبديةً استعدادها …": a participle continues the previous speaker's statement.
        // "… مؤكدة أن …", "…» لافتاً إلى أن": also after a closing quote mark, or with a complementizer after it.
        const afterQuote = /[»”“"]\s*$/.test(this.text.slice(Math.max(sentence.start, token.start - 3), token.start));
        const governs = ARABIC_COMPLEMENTS.has(tokens[k + 1]?.norm ?? '');
        if (ARABIC_PARTICIPLES.has(token.norm) && openings.length && (before.length === 0 || afterQuote || governs)) {
          openings.push({
            start: token.start,
            cue: { ...token, meaning: 'say' },
            cutAt: before.length === 0 ? clauseStart - 1 : token.start,
          });
        }
        // "بعيد اعتبار وزارة الخارجية التركية أن …": a verbal noun with its subject and a reported clause.
        const name = ARABIC_MASDARS.has(token.norm) && this.matches.find((m) => m.start > token.end && m.start <= token.end + 2);
        if (name && tokens.some((t) => t.start >= name.end && t.norm === 'ان')) {
          openings.push({ start: token.start, cue: { ...token, meaning: 'say' }, cutAt: token.start });
        }
        return;
      }
      if (cue.meaning === 'according_to') {
        accordingTo ??= token;
        return;
      }
      if (ARABIC_CUES_NEEDING_COMPLEMENT.has(token.norm)) {
        const governed = [tokens[k + 1], tokens[k + 2]].some((t) => t && ARABIC_COMPLEMENTS.has(t.norm));
        if (!governed && !/^\s*:/.test(this.text.slice(token.end, token.end + 3))) return;
      }
      const cueSpan = { start: this.afterPrefix(token.start, cue.prefix), end: token.end, meaning: cue.meaning };
      let i = 0;
      while (i < before.length && ARABIC_LEADS.has(before[i].norm)) i++;
      const rest = before.slice(i);
      const cutAt = clauseStart > sentence.start ? clauseStart - 1 : (rest[0] ?? before[0] ?? token).start;
      if (!rest.length) {
        openings.push({ start: cueSpan.start, cue: cueSpan, cutAt });
        return;
      }
      // "وكانت السلطات الانفصالية قد دعت", "الرئيس التركي أكد": the subject before the verb must be an actor's name.
      const kana = ARABIC_KANA.has(rest[0].norm);
      let to = rest.length;
      if (rest[to - 1].norm === 'قد') to--;
      const subject = kana ? rest.slice(1, to) : rest.slice(0, to);
      // "وكان المتحدث باسم الوزارة فلان قد أكد": after كان a name anywhere in the subject will do.
      const subjectSpan = subject.length ? { start: subject[0].start, end: subject[subject.length - 1].end } : undefined;
      if (subjectSpan && !(kana ? this.hasName(subjectSpan) : this.coveredByNames(subjectSpan))) return;
      if (!subject.length && !kana) return;
      const start = kana && rest[0].norm.startsWith('و') ? this.afterPrefix(rest[0].start, 1) : rest[0].start;
      openings.push({
        start,
        cue: cueSpan,
        subject: subjectSpan,
        cutAt,
      });
    });

    const clauses: Clause[] = [];
    openings.forEach((opening, n) => {
      const next = openings[n + 1];
      const rawEnd = next ? (next.cutAt > opening.start ? next.cutAt : next.start) : sentence.end;
      const span = this.trimClause({ start: opening.start, end: rawEnd });
      const cueRaw = opening.cue;
      const participle = ARABIC_PARTICIPLES.has(normalize(this.text.slice(cueRaw.start, cueRaw.end)));
      const colon = this.colonBeforeQuote(cueRaw.end, span.end);
      const quoteOpen = colon === undefined ? undefined : this.quotes.find((q) => q.open > colon)?.open;
      let speaker: Speaker | null;
      let mentionEnd = cueRaw.end;
      if (participle) speaker = this.last;
      else if (opening.subject) {
        speaker = this.resolve(opening.subject, false);
        mentionEnd = cueRaw.end;
      } else {
        const range = this.arabicMentionRange(cueRaw.end, colon ?? span.end, tokens);
        speaker = this.resolve(range, true);
        if (speaker) mentionEnd = Math.max(cueRaw.end, range.start + speaker.mention.length);
        else speaker = this.fallback(range, tokens);
      }
      speaker = this.remember(speaker);
      // "أكّد باشينيان أن … وأن …": two reported clauses under one cue.
      const parts = colon === undefined ? this.splitOnAnna(span, tokens, cueRaw.end) : [span];
      for (const part of parts) clauses.push({ ...part, cue: cueRaw, speaker, mentionEnd, quoteOpen });
    });

    if (!openings.length && accordingTo) {
      const range = this.arabicMentionRange(accordingTo.end, sentence.end, tokens);
      const speaker = this.remember(this.resolve(range, true) ?? this.fallback(range, tokens));
      const span = this.trimClause(sentence);
      clauses.push({ ...span, cue: { ...accordingTo, meaning: 'according_to' }, speaker, mentionEnd: range.end });
    }
    this.emit(sentence, clauses);
  }

  /** The speaker's noun phrase after a verb: up to a stop word, a colon, a quote or a comma. */
  private arabicMentionRange(from: number, to: number, tokens: Token[]): Span {
    let end = to;
    for (const t of tokens) {
      if (t.start < from || t.start >= to) continue;
      if (ARABIC_MENTION_STOPS.has(t.norm) || ARABIC_MENTION_STOPS.has(t.norm.replace(/^[وب]/, ''))) {
        end = t.start;
        break;
      }
    }
    for (let i = from; i < end; i++) {
      if (/[:،,«"“”]/.test(this.text[i])) {
        end = i;
        break;
      }
    }
    return this.trim({ start: from, end });
  }

  private splitOnAnna(span: Span, tokens: Token[], after: number): Span[] {
    const parts: Span[] = [];
    let start = span.start;
    for (const t of tokens) {
      if (t.start <= after || t.start >= span.end || t.norm !== 'وان' || this.insideQuote(t.start)) continue;
      if (!tokens.some((u) => u.start > after && u.start < t.start && u.norm === 'ان')) continue;
      parts.push(this.trimClause({ start, end: t.start }));
      start = this.afterPrefix(t.start, 1);
    }
    parts.push({ start, end: span.end });
    return parts;
  }

  private afterPrefix(at: number, letters: number): number {
    let i = at;
    for (let n = 0; n < letters; n++) {
      i++;
      while (i < this.text.length && /\p{M}|\u0640/u.test(this.text[i])) i++;
    }
    return i;
  }

  private trimClause(span: Span, connectors = false): Span {
    const trimmed = this.trim(span, connectors ? TRAILING_CONNECTOR : TRAILING);
    const credit = CREDIT.exec(this.text.slice(trimmed.start, trimmed.end));
    return credit ? this.trim({ start: trimmed.start, end: trimmed.start + credit.index }, TRAILING) : trimmed;
  }

  /** A colon (outside quotes) in `[from, to)` directly followed by an opening quote mark. */
  private colonBeforeQuote(from: number, to: number): number | undefined {
    for (let i = from; i < to; i++) {
      if (this.text[i] !== ':' || this.insideQuote(i)) continue;
      let j = i + 1;
      while (j < to && /\s/.test(this.text[j])) j++;
      if (this.quotes.some((q) => q.open === j)) return i;
    }
    return undefined;
  }

  private hasName(span: Span): boolean {
    return this.within(span.start, span.end).length > 0;
  }

  private coveredByNames(span: Span): boolean {
    for (let i = span.start; i < span.end; i++) {
      if (!/\p{L}/u.test(this.text[i])) continue;
      if (!this.within(i - 200, i + 200).some((m) => m.start <= i && i < m.end)) return false;
    }
    return true;
  }

  // ---- English: subject + verb, or quote + "X said" -------------------------------------

  private englishSentence(sentence: Span): void {
    const body = this.withoutDateline(sentence);
    const tokens = this.tokens(body);
    const words = tokens.map((t) => t.norm);
    const found: { k: number; length: number; meaning: CueMeaning; participle: boolean }[] = [];
    for (let k = 0; k < words.length; k++) {
      if (this.insideQuote(tokens[k].start)) continue;
      const cue = englishCue(words, k);
      // "was announced by", "who declared": a passive or a relative clause reports nobody's statement here.
      if (cue && (ENGLISH_PASSIVE.has(words[k - 1] ?? '') || ['who', 'which', 'that'].includes(words[k - 1] ?? ''))) continue;
      if (cue) {
        found.push({ k, ...cue, participle: false });
        k += cue.length - 1;
        continue;
      }
      // ", adding that …", "Stating that …, X said": a participle continues (or announces) the speaker's statement.
      const participle = englishParticiple(words, k);
      const afterComma = k === 0 || /[,;:–—]\s*$/.test(this.text.slice(tokens[k - 1].end, tokens[k].start));
      const afterDocument = k > 0 && ENGLISH_DOCUMENTS.has(words[k - 1]);
      if (participle && (afterComma || afterDocument || words[k + 1] === 'that')) {
        found.push({ k, ...participle, participle: true });
        k += participle.length - 1;
      }
    }
    const finite = found.filter((c) => !c.participle && c.meaning !== 'according_to');
    if (!finite.length) {
      const according = found.find((c) => c.meaning === 'according_to');
      if (!according) return this.emit(sentence, []);
      const cueSpan = { start: tokens[according.k].start, end: tokens[according.k + 1].end, meaning: according.meaning };
      const stop = this.nextStop(cueSpan.end, sentence.end);
      const range = this.trim({ start: cueSpan.end, end: stop });
      const speaker = this.outlet(range) ? null : this.remember(this.resolve(range, false) ?? this.fallback(range, tokens));
      if (!speaker) return this.emit(sentence, []);
      return this.emit(sentence, [{ ...this.trimClause(body), cue: cueSpan, speaker, mentionEnd: cueSpan.end }]);
    }
    const cues = found.filter((c) => c.meaning !== 'according_to');
    const inSentence = this.quotesIn(sentence.start, sentence.end);
    const clauses: (Clause & { pending?: boolean })[] = [];
    let main: Speaker | null = null;
    cues.forEach((c, n) => {
      const cueSpan = { start: tokens[c.k].start, end: tokens[c.k + c.length - 1].end, meaning: c.meaning };
      const previousEnd = n ? tokens[cues[n - 1].k + cues[n - 1].length - 1].end : body.start;
      if (c.participle) {
        clauses.push({
          start: cueSpan.start,
          end: body.end,
          cue: cueSpan,
          speaker: main ?? this.last ?? NOBODY,
          mentionEnd: cueSpan.end,
          pending: !main,
        });
        return;
      }
      const segmentStart = Math.max(
        previousEnd,
        ...[...this.text.slice(previousEnd, cueSpan.start).matchAll(/\s[-–—]\s/g)].map((m) => previousEnd + m.index + 2),
        ...this.boundaries({ start: previousEnd, end: cueSpan.start }).map((b) => b + 1),
        ...inSentence.filter((q) => q.close < cueSpan.start && q.close >= previousEnd).map((q) => q.close + 1),
        ...tokens.filter((t) => t.start >= previousEnd && t.end <= cueSpan.start && ENGLISH_CONNECTORS.has(t.norm)).map((t) => t.end),
      );
      const subject = tokens.filter((t) => t.start >= segmentStart && t.end <= cueSpan.start);
      while (subject.length && ENGLISH_LEADS.has(subject[0].norm)) subject.shift();
      while (subject.length && ENGLISH_LEADS.has(subject[subject.length - 1].norm)) subject.pop();
      // '“…,” David X, an adviser to Y, told reporters': the subject runs back over its appositions.
      if (!subject.length && !main && /[,،]\s*$/.test(this.text.slice(previousEnd, cueSpan.start))) {
        const quoteEnd = Math.max(previousEnd, ...inSentence.filter((q) => q.close < cueSpan.start).map((q) => q.close + 1));
        subject.push(...tokens.filter((t) => t.start >= quoteEnd && t.end <= cueSpan.start).slice(0, 24));
      }
      let speaker: Speaker | null;
      let start = subject.length ? subject[0].start : cueSpan.start;
      if (subject.length === 1 && ENGLISH_PRONOUNS.has(subject[0].norm))
        speaker = this.last ?? { ...NOBODY, actorId: this.headlineActor() };
      else if (subject.length) {
        const range = { start: subject[0].start, end: subject[subject.length - 1].end };
        if (this.outlet(range)) return;
        speaker = this.resolve(range, false) ?? this.fallback(range, tokens);
      } else if (main) {
        // "condemned …, urged … and said …": verbs that share the subject named before.
        speaker = main;
      } else {
        // '"…," said the ministry.'
        const range = this.trim({ start: cueSpan.end, end: this.nextStop(cueSpan.end, sentence.end) });
        speaker = this.resolve(range, false) ?? this.fallback(range, tokens);
      }
      speaker = this.remember(speaker);
      main ??= speaker;
      if (!clauses.length || clauses.every((x) => x.pending)) start = clauses.length ? start : body.start;
      const attributed = inSentence.find(
        (q) =>
          (q.close < cueSpan.start &&
            q.open >= previousEnd - 1 &&
            /^[\s,.!?—–-]*(?:[^"“”«»‘’]{0,160})$/.test(this.text.slice(q.close + 1, cueSpan.start))) ||
          (q.open > cueSpan.end && /^[^"“”«»]{0,60}[:,]\s*$/.test(this.text.slice(cueSpan.end, q.open))),
      );
      clauses.push({ start, end: body.end, cue: cueSpan, speaker, mentionEnd: cueSpan.end, quoteOpen: attributed?.open });
    });
    for (const clause of clauses) if (clause.pending) clause.speaker = main ?? clause.speaker;
    // Each clause ends where the next begins, without the comma or connector between them.
    for (let n = 0; n < clauses.length; n++) {
      const next = clauses[n + 1];
      const end = next && next.start > clauses[n].start ? next.start : body.end;
      clauses[n] = { ...clauses[n], ...this.trimClause({ start: clauses[n].start, end }, true) };
    }
    this.emit(
      sentence,
      clauses.filter((c) => c.end > c.mentionEnd || c.quoteOpen !== undefined),
    );
  }

  /** "Reuters reported", "told Reuters": an agency or outlet is a channel, never the speaker. */
  private outlet(range: Span): boolean {
    const slice = this.text.slice(range.start, range.end);
    if (ENGLISH_OUTLETS.test(slice) && !this.within(range.start, range.end).length) return true;
    return this.tokens(range).some((t) => ARABIC_OUTLETS.has(t.norm) || ARABIC_OUTLETS.has(t.norm.replace(/^[وبل]/, '')));
  }

  /** "YEREVAN, Sept 26 (Reuters) - " is not part of what was said. */
  private withoutDateline(sentence: Span): Span {
    const m = /^[A-Z][A-Z/ .'-]+(?:,[^-–—\n]{0,40})?\s*(?:\([^)\n]{1,30}\))?\s[-–—]+\s+/.exec(
      this.text.slice(sentence.start, sentence.end),
    );
    return m ? { start: sentence.start + m[0].length, end: sentence.end } : sentence;
  }

  private nextStop(from: number, to: number): number {
    for (let i = from; i < to; i++) if (/[,.;:"“”«]/.test(this.text[i]) && !this.insideQuote(i)) return i;
    return to;
  }

  // ---- speakers -------------------------------------------------------------------------

  /**
   * The speaker named in `range`. Verb-first Arabic takes the first name near the verb (and a
   * person's name right after a title: "رئيس الوزراء الأرميني نيكول باشينيان"), since objects follow.
   */
  private resolve(range: Span, verbFirst: boolean): Speaker | null {
    const inRange = this.within(range.start, range.end);
    let chosen = inRange;
    if (verbFirst) {
      const first = inRange[0];
      if (!first || this.tokens({ start: range.start, end: first.start }).length > MAX_WORDS_BEFORE_NAME) return null;
      chosen = [first];
      const next = inRange[1];
      if (next && first.actor.kind !== 'person' && next.actor.kind === 'person' && !this.text.slice(first.end, next.start).trim()) {
        chosen.push(next);
      }
    }
    if (!chosen.length) return null;
    const person = chosen.find((m) => m.actor.kind === 'person');
    const body = chosen.filter((m) => m.actor.kind !== 'person').sort((a, b) => b.end - b.start - (a.end - a.start))[0];
    const actorId = person
      ? (this.dictionary.roleActor(person.actor, this.today) ?? body?.actor.id ?? null)
      : (this.possessed(body, range.end) ?? body.actor.id);
    const end = verbFirst ? chosen[chosen.length - 1].end : range.end;
    const speaker: Speaker = { mention: this.text.slice(range.start, end).trim(), speakerId: person?.actor.id ?? null, actorId };
    // "وزير الخارجية الإيراني عباس عراقجي": a name after the body only where a title precedes it (objects follow a verb too).
    const titled = this.tokens({ start: range.start, end: chosen[0].start }).some(
      (w) => ARABIC_TITLE_WORDS.has(w.norm) || ENGLISH_TITLE_WORDS.has(w.norm),
    );
    if (!person && !verbFirst) this.namePerson(speaker, range);
    else if (!person && titled)
      this.namePerson({ ...speaker }, { start: range.start, end: this.nameEnd(chosen[chosen.length - 1].end, range.end) }, speaker);
    return speaker;
  }

  /** "وزير الخارجية الإيراني عباس عراقجي": after a title naming a body, the name words that follow (up to three). */
  private nameEnd(from: number, limit: number): number {
    const after = this.tokens({ start: from, end: limit }).slice(0, 3);
    let end = from;
    for (const w of after) {
      if (this.nameWords([w]).length !== 1 || /[,،:]/.test(this.text.slice(end, w.start))) break;
      end = w.end;
    }
    return end;
  }

  /** "UN spokesman Stephane Dujarric": a name beside the body's is a person to propose, remembered for later mentions. */
  private namePerson(speaker: Speaker, range: Span, into = speaker): void {
    const words = this.tokens(range);
    const name = this.nameWords(words);
    if (!name.length) return;
    speaker.name = into.name = this.text.slice(name[0].start, name[name.length - 1].end);
    speaker.title = into.title = this.text
      .slice(range.start, name[0].start)
      .replace(/[\s,،:]+$/, '')
      .trim();
    this.people.set(name[name.length - 1].norm, { actorId: speaker.actorId, name: speaker.name, title: speaker.title });
  }

  /** "Armenia's foreign ministry": the part of a state named by what follows its possessive. */
  private possessed(owner: Match, limit: number): string | undefined {
    const m = /^['’]s\s+([\p{L} ]+)/u.exec(this.text.slice(owner.end, limit));
    return m ? this.dictionary.childNamed(owner.actor.id, normalize(m[1].trim()))?.id : undefined;
  }

  /**
   * No name in the mention: a generic noun ("الوزارة", "the ministry") is the last actor named
   * with that word; nothing at all (a bare "وأضاف") carries the previous speaker.
   */
  private fallback(range: Span, tokens: Token[]): Speaker | null {
    const words = tokens.filter((t) => t.start >= range.start && t.end <= range.end);
    if (!words.length || ENGLISH_PRONOUNS.has(words[0].norm)) return this.last;
    const content = words.filter((w) => !['the', 'a', 'an'].includes(w.norm));
    const head = (content[content.length - 1] ?? words[0]).norm;
    const stem = head.replace(/^ال/, '');
    if (stem.length >= 3) {
      const named = new Set([...this.dictionary.namedWith(stem), ...this.dictionary.namedWith(`ال${stem}`)]);
      const previous = this.matches.filter((m) => m.end <= range.start && named.has(m.actor.id)).pop();
      if (previous) {
        const mention = this.text.slice(words[0].start, words[words.length - 1].end);
        if (previous.actor.kind === 'person')
          return { mention, speakerId: previous.actor.id, actorId: this.dictionary.roleActor(previous.actor, this.today) };
        return { mention, speakerId: null, actorId: previous.actor.id };
      }
    }
    return this.unknownSpeaker(words);
  }

  /**
   * A mention that names no known actor: a person the database does not know ("Mr Dujarric",
   * "عراقجي") speaks for the body their title names where the article introduces them
   * ("UN spokesman Stephane Dujarric", "وزير الخارجية الإيراني عباس عراقجي"); a title or a
   * document alone ("the ministry", "the spokesperson", "البيان") is the speaker last named.
   */
  private unknownSpeaker(words: Token[]): Speaker | null {
    const shown = words.slice(0, 6);
    const mention = this.text.slice(shown[0].start, shown[shown.length - 1].end);
    const name = this.nameWords(words);
    if (!name.length) {
      // "رئيس لجنة الأمن القومي في البرلمان الإيراني": the title goes on past the mention's stop word.
      const titled = /[\u0600-\u06FF]/.test(mention) ? this.titleGoesOn(words[words.length - 1].end) : null;
      if (titled) return { mention, speakerId: null, actorId: titled };
      if (this.last && (this.last.actorId || this.last.speakerId)) return { ...this.last, mention };
      return { mention, speakerId: null, actorId: this.headlineActor() };
    }
    const key = name[name.length - 1].norm;
    const named = this.text.slice(name[0].start, name[name.length - 1].end);
    const title = this.text
      .slice(words[0].start, name[0].start)
      .replace(/[\s,،:]+$/, '')
      .trim();
    if (!this.people.has(key))
      this.people.set(key, { actorId: this.introducedAs(key) ?? this.headlineActor() ?? this.last?.actorId ?? null, name: named, title });
    const known = this.people.get(key)!;
    return { mention, speakerId: null, actorId: known.actorId, name: known.name, title: known.title };
  }

  /** The words of a mention that are neither titles, function words nor known actors' names. */
  private nameWords(words: Token[]): Token[] {
    return words.filter((w) => {
      if (this.within(w.start - 200, w.end + 200).some((m) => m.start <= w.start && w.end <= m.end)) return false;
      const raw = this.text.slice(w.start, w.end);
      if (/[\u0600-\u06FF]/.test(raw))
        return !ARABIC_TITLE_WORDS.has(w.norm) && !ARABIC_TITLE_WORDS.has(w.norm.replace(/^[وبل]/, '')) && w.norm.length > 2;
      return /^\p{Lu}/u.test(raw) && !ENGLISH_TITLE_WORDS.has(w.norm) && !ENGLISH_PRONOUNS.has(w.norm);
    });
  }

  /**
   * The actor named in the title beside a person's name where it occurs in the article: up to
   * eight words before it in the same sentence ("Kremlin spokesman Dmitry Peskov"), or an
   * apposition after it ("Ismail Baghaei, Iran's foreign ministry spokesman").
   */
  private introducedAs(key: string): string | null {
    const re = new RegExp(`(?<![\\p{L}\\p{M}])[وبل]?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{M}])`, 'gu');
    for (const m of this.norm.text.matchAll(re)) {
      const at = this.norm.map[m.index];
      const end = this.norm.map[m.index + m[0].length - 1] + 1;
      const lineStart = this.text.lastIndexOf('\n', at) + 1;
      const before = this.tokens({ start: lineStart, end: at }).slice(-8);
      const from = before.length ? before[0].start : at;
      const stop = Math.max(from, ...[...this.text.slice(from, at).matchAll(/[.!?؟:"“”«»]/g)].map((x) => from + x.index + 1));
      const prior = this.within(stop, at)
        .filter((x) => x.actor.kind !== 'person')
        .pop();
      if (prior && this.titleBetween(prior, at)) return prior.actor.id;
      if (/^\s*[,،]/.test(this.text.slice(end))) {
        const after = this.tokens({ start: end, end: Math.min(this.text.length, end + 120) }).slice(0, 8);
        const limit = after.length ? after[after.length - 1].end : end;
        const cut = this.text.slice(end + 1, limit).search(/[,،.;:]/);
        const to = cut < 0 ? limit : end + 1 + cut;
        const next = this.within(end, to).find((x) => x.actor.kind !== 'person');
        if (next) return next.actor.id;
      }
    }
    return null;
  }

  /** An actor named within the next few title or name words after `from`, before punctuation or a complementizer. */
  private titleGoesOn(from: number): string | null {
    const stop = this.text.slice(from, from + 200).search(/[،,:.;«"“”]/);
    const to = stop < 0 ? Math.min(this.text.length, from + 200) : from + stop;
    const words = this.tokens({ start: from, end: to }).slice(0, 8);
    const end = words.findIndex((w) => ['ان', 'انه', 'انها', 'بان', 'that'].includes(w.norm));
    const limit = (end < 0 ? words[words.length - 1] : words[end - 1])?.end ?? from;
    return this.within(from, limit).find((m) => m.actor.kind !== 'person')?.actor.id ?? null;
  }

  /** Whether only title words and at most four name words stand between an actor's name and a person's: a title phrase. */
  private titleBetween(actor: Span, to: number): boolean {
    const title = (w: Token) => {
      const raw = this.text.slice(w.start, w.end);
      if (FUNCTION_WORDS.has(w.norm)) return false;
      return /[\u0600-\u06FF]/.test(raw)
        ? ARABIC_TITLE_WORDS.has(w.norm) || ARABIC_TITLE_WORDS.has(w.norm.replace(/^[وبل]/, ''))
        : ENGLISH_TITLE_WORDS.has(w.norm);
    };
    let names = 0;
    let titled = false;
    for (const w of this.tokens({ start: actor.end, end: to })) {
      if (title(w) || FUNCTION_WORDS.has(w.norm)) {
        titled ||= title(w);
        continue;
      }
      const raw = this.text.slice(w.start, w.end);
      if (/[\u0600-\u06FF]/.test(raw) ? w.norm.startsWith('ال') : !/^\p{Lu}/u.test(raw)) return false;
      if (++names > 4) return false;
    }
    const lineStart = this.text.lastIndexOf('\n', actor.start) + 1;
    const before = this.tokens({ start: lineStart, end: actor.start }).pop();
    return titled || (!!before && title(before)) || !/[,،]/.test(this.text.slice(actor.end, to));
  }

  /** The first actor the headline (the first line) names: what an article with no other clue is about. */
  private headlineActor(): string | null {
    const lineEnd = this.text.indexOf('\n');
    const end = lineEnd < 0 ? this.text.length : lineEnd;
    return this.matches.find((m) => m.end <= end && m.actor.kind !== 'person')?.actor.id ?? null;
  }

  /**
   * Keeps what the previous sentence knew: the same body keeps its named spokesperson, and a
   * state named right after one of its ministries spoke (Ankara after the Turkish foreign ministry) stays that ministry.
   */
  private remember(found: Speaker | null): Speaker {
    const last = this.last;
    let speaker = found ?? { mention: '', speakerId: null, actorId: null };
    if (last && found && !found.speakerId && found.actorId && last.actorId) {
      if (found.actorId === last.actorId) speaker = { ...found, speakerId: last.speakerId };
      else if (this.lastSentence >= this.sentenceIndex - 1 && this.dictionary.isAncestor(found.actorId, last.actorId))
        speaker = { ...found, speakerId: last.speakerId, actorId: last.actorId };
    }
    this.last = speaker;
    this.lastSentence = this.sentenceIndex;
    return speaker;
  }

  // ---- candidates ------------------------------------------------------------------------

  /**
   * One candidate per statement: a reported clause whose whole content is one quotation ("قال إن
   * «…»", "said: “…”") is that quote; a clause with a quoted fragment inside it is one paraphrase,
   * and the fragment is not proposed again.
   */
  private emit(sentence: Span, clauses: Clause[]): void {
    const swallowed = new Set<number>();
    for (const clause of clauses) {
      if (clause.quoteOpen !== undefined) continue;
      if (!this.tokens({ start: clause.mentionEnd, end: clause.end }).length) continue;
      const inner = this.quotesIn(clause.mentionEnd, clause.end + 1).filter((q) => q.open < clause.end);
      const whole =
        inner.length === 1 &&
        this.onlyComplementizer(clause.mentionEnd, inner[0].open) &&
        !/\p{L}/u.test(this.text.slice(inner[0].close + 1, clause.end));
      if (whole) {
        clause.quoteOpen = inner[0].open;
        continue;
      }
      for (const q of inner) swallowed.add(q.open);
      if (this.thin(clause)) continue;
      this.push(clause, 'paraphrase', clause);
    }
    for (const q of this.quotesIn(sentence.start, sentence.end)) {
      if (swallowed.has(q.open)) continue;
      const span = this.trim({ start: q.start, end: q.end }, /[\s,،;:]+$/);
      const owner = clauses.find((c) => q.open >= c.start && q.open <= c.end + 1) ?? clauses[0];
      const introduced = owner?.quoteOpen === q.open;
      const inner = this.text.slice(span.start, span.end).replace(/[.!?؟…]+$/, '');
      const words = this.tokens(span).length;
      const sentenceIsQuote = !this.text.slice(sentence.start, q.open).trim() && !/\p{L}/u.test(this.text.slice(q.close + 1, sentence.end));
      if (!(introduced || words >= MIN_QUOTE_WORDS || /[،,.;؛!?؟]/.test(inner) || (sentenceIsQuote && words >= 3))) continue;
      const speaker = owner?.speaker ?? this.last ?? { mention: '', speakerId: null, actorId: null };
      const cue = owner?.cue ?? { start: 0, end: 0, meaning: 'say' as const };
      this.push(span, 'quote', { cue, speaker, mentionEnd: span.start });
    }
  }

  /**
   * A condemnation with no content ("condemned the violence"): fewer than three words after the
   * cue and no actor among them, so neither a statement nor a stance toward anyone.
   */
  private thin(clause: Clause): boolean {
    if (clause.cue.meaning !== 'condemn') return false;
    const content = this.tokens({ start: clause.mentionEnd, end: clause.end }).filter((t) => !COMPLEMENTIZERS.has(t.norm));
    if (content.length >= 3) return false;
    return !this.within(clause.mentionEnd, clause.end).length;
  }

  /** Whether only a complementizer ("أنه", "بأن", "that"), a preposition before it or punctuation lies in `[from, to)`. */
  private onlyComplementizer(from: number, to: number): boolean {
    return this.tokens({ start: from, end: to }).every((t) => COMPLEMENTIZERS.has(t.norm));
  }

  private push(span: Span, kind: CandidateKind, clause: Pick<Clause, 'cue' | 'speaker' | 'mentionEnd'>): void {
    const { speaker, cue } = clause;
    const candidate: ExtractedCandidate = {
      text: this.text.slice(span.start, span.end),
      start: span.start,
      end: span.end,
      kind,
      mention: speaker.mention,
      speakerId: speaker.speakerId,
      actorId: speaker.actorId,
      cue: this.text.slice(cue.start, cue.end),
      confidence: this.confidence(kind, clause),
      speakerName: speaker.speakerId ? null : (speaker.name ?? null),
      speakerTitle: speaker.speakerId ? null : (speaker.title ?? null),
      suggestedBodyId: !speaker.speakerId && speaker.name ? speaker.actorId : null,
      suggestedSaidOn: this.sentenceDate,
    };
    const stance = this.suggestStance(span, cue.meaning, speaker, Math.max(span.start, clause.mentionEnd));
    if (stance) candidate.suggestedStance = stance;
    this.out.push(candidate);
  }

  /**
   * How sure the pattern is, 0–1: a quote with its attribution or a finite reporting verb with a
   * named speaker highest, a carried-over or unnamed speaker, a participle or "according to" lower.
   */
  private confidence(kind: CandidateKind, clause: Pick<Clause, 'cue' | 'speaker'>): number {
    let score = kind === 'quote' ? (clause.cue.end > clause.cue.start ? 0.9 : 0.7) : 0.8;
    const cue = normalize(this.text.slice(clause.cue.start, clause.cue.end));
    if (clause.cue.meaning === 'according_to') score -= 0.2;
    else if (ARABIC_PARTICIPLES.has(cue) || /ing$/.test(cue)) score -= 0.1;
    if (!clause.speaker.speakerId && !clause.speaker.actorId) score -= 0.3;
    else if (!clause.speaker.mention) score -= 0.1;
    return Math.round(Math.max(0.1, score) * 100) / 100;
  }

  /** condemn → -2 toward the actor condemned; support (verb or wording) → +2; a call → direction only. */
  private suggestStance(span: Span, meaning: CueMeaning, speaker: Speaker, contentStart: number): SuggestedStance | undefined {
    const target = () =>
      this.matches.find(
        (m) =>
          m.start >= contentStart &&
          m.end <= span.end &&
          m.actor.id !== speaker.actorId &&
          m.actor.id !== speaker.speakerId &&
          !(
            speaker.actorId &&
            (this.dictionary.isAncestor(m.actor.id, speaker.actorId) || this.dictionary.isAncestor(speaker.actorId, m.actor.id))
          ),
      )?.actor.id ?? null;
    if (meaning === 'condemn') return { direction: 'oppose', value: -2, targetActorId: target(), suggestion: true };
    if (meaning === 'support' || this.supportWording(span))
      return { direction: 'support', value: 2, targetActorId: target(), suggestion: true };
    if (meaning === 'call_for') return { direction: 'call_for', value: null, targetActorId: null, suggestion: true };
    return undefined;
  }

  private supportWording(span: Span): boolean {
    const slice = this.text.slice(span.start, span.end);
    const arabic = normalize(slice);
    const ar = ARABIC_SUPPORT.exec(arabic);
    if (ar && !ARABIC_NEGATION.test(arabic.slice(0, ar.index + ar[1].length))) return true;
    const en = ENGLISH_SUPPORT.exec(slice);
    return !!en && !ENGLISH_NEGATION.test(slice.slice(0, en.index));
  }
}
