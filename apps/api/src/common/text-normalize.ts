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

export function normalizeWithMap(input: string): NormalizedText {
  let text = '';
  const map: number[] = [];
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (isDropped(c)) continue;
    const folded = (FOLDED[c] ?? c).toLowerCase();
    for (const f of folded) {
      text += f;
      map.push(i);
    }
  }
  map.push(input.length);
  return { text, map };
}

export function normalize(input: string): string {
  return normalizeWithMap(input).text;
}

export const isLetter = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{M}\p{N}]/u.test(c);
