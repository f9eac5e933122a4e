import { isLetter } from '../common/text-normalize';

/** A quotation: `[start, end)` is the quoted text, without its marks; `open`/`close` are the marks' offsets. */
export interface QuoteSpan {
  open: number;
  close: number;
  start: number;
  end: number;
}

/** Opening mark → closing marks. “…” and the right-to-left habit ”…“ both occur in Arabic text. */
const PAIRS: Record<string, string> = { '«': '»', '“': '”', '”': '“', '„': '“', '‹': '›', '"': '"', "'": "'", '‘': '’' };
/** Marks that double as apostrophes (Azerbaijan's, don't, Azerbaijan’s). */
const APOSTROPHES = new Set(["'", '’']);
const PUNCT = /[.,;:!?،؛؟)\]…]/;

/**
 * Finds quotations paragraph by paragraph (a quote never spans a blank line). Marks that are
 * apostrophes are recognised by their neighbours: an apostrophe between two letters never opens
 * or closes, and a closing mark right after punctuation is preferred to an earlier one.
 */
export function findQuotes(text: string): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text[i];
    const close = PAIRS[open];
    if (!close || !canOpen(text, i)) {
      i++;
      continue;
    }
    const end = findClose(text, i, open, close);
    if (end < 0) {
      i++;
      continue;
    }
    spans.push({ open: i, close: end, start: i + 1, end });
    i = end + 1;
  }
  return spans.filter((s) => text.slice(s.start, s.end).trim().length > 0);
}

function canOpen(text: string, at: number): boolean {
  const before = text[at - 1];
  const after = text[at + 1];
  if (after === undefined || /\s/.test(after)) return false;
  if (APOSTROPHES.has(text[at]) || text[at] === '‘') return !isLetter(before);
  return true;
}

function findClose(text: string, openAt: number, open: string, close: string): number {
  let weak = -1;
  for (let j = openAt + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\n' && text[j + 1] === '\n') break;
    if (c === '\n' && open !== close) continue;
    if (c === '\n') break;
    if (c !== close) continue;
    const before = text[j - 1];
    const after = text[j + 1];
    if (/\s/.test(before)) continue;
    if (!APOSTROPHES.has(c)) return j;
    if (isLetter(after)) continue;
    if (PUNCT.test(before) || after === undefined || PUNCT.test(after) || after === '\n') return j;
    if (weak < 0) weak = j;
  }
  return weak;
}
