/**
 * The JavaScript twin of the database's `stance_normalize()`: hamza seats, alef maqsura, taa
 * marbuta and Persian letters folded, diacritics, tatweel and direction marks dropped, lower case.
 * `map[i]` is the offset in the original text of the i-th normalised character, so a match
 * found in the normalised text can be reported in the posted one.
 */
export interface NormalizedText {
  text: string;
  map: number[];
}

/** Code point ranges dropped: Arabic marks and diacritics, tatweel, invisible direction marks. */
const DROPPED: [number, number][] = [
  [0x0610, 0x061a],
  [0x061c, 0x061c],
  [0x064b, 0x065f],
  [0x0670, 0x0670],
  [0x06d6, 0x06dc],
  [0x06df, 0x06e8],
  [0x06ea, 0x06ed],
  [0x0640, 0x0640],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2066, 0x2069],
  [0xfeff, 0xfeff],
];
export const isDropped = (c: string) => {
  const code = c.charCodeAt(0);
  return DROPPED.some(([from, to]) => code >= from && code <= to);
};
const FOLDED: Record<string, string> = {
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ؤ: 'و',
  ئ: 'ي',
  ى: 'ي',
  ی: 'ي',
  ک: 'ك',
  ة: 'ه',
  ء: '',
};

/** Per UTF-16 unit: 1 when dropped, so long texts are normalised without a range search per character. */
const DROPPED_TABLE = new Uint8Array(0x10000);
for (const [from, to] of DROPPED) DROPPED_TABLE.fill(1, from, to + 1);

export function normalizeWithMap(input: string): NormalizedText {
  const parts: string[] = [];
  const map: number[] = [];
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (DROPPED_TABLE[code]) continue;
    const c = input[i];
    if (code < 0x80) {
      parts.push(code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : c);
      map.push(i);
      continue;
    }
    const folded = (FOLDED[c] ?? c).toLowerCase();
    for (const f of folded) {
      parts.push(f);
      map.push(i);
    }
  }
  map.push(input.length);
  return { text: parts.join(''), map };
}

export function normalize(input: string): string {
  const parts: string[] = [];
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (DROPPED_TABLE[code]) continue;
    if (code < 0x80) parts.push(code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : input[i]);
    else parts.push((FOLDED[input[i]] ?? input[i]).toLowerCase());
  }
  return parts.join('');
}

export const isLetter = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{M}\p{N}]/u.test(c);
