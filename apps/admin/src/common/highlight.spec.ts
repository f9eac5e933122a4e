import { describe, expect, it } from 'vitest';
import { highlightPieces } from './highlight';

describe('highlightPieces', () => {
  it('splits marked words from the rest and unescapes the text, which stays text', () => {
    expect(highlightPieces('a &lt;b&gt; &amp; <mark>word</mark>s &quot;&#39;')).toEqual([
      { text: 'a <b> & ', marked: false },
      { text: 'word', marked: true },
      { text: 's "\'', marked: false },
    ]);
  });
});
