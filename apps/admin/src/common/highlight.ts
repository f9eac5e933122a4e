export interface HighlightPiece {
  text: string;
  marked: boolean;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/**
 * The API's highlight (HTML-escaped text with `<mark>`…`</mark>` around matched words) as plain
 * text pieces, so that it is rendered as React text and never as HTML.
 */
export function highlightPieces(html: string): HighlightPiece[] {
  const pieces: HighlightPiece[] = [];
  let marked = false;
  for (const part of html.split(/(<mark>|<\/mark>)/)) {
    if (part === '<mark>') marked = true;
    else if (part === '</mark>') marked = false;
    else if (part) pieces.push({ text: part.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]), marked });
  }
  return pieces;
}
