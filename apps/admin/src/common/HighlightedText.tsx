import { highlightPieces } from './highlight';

/** A text with the words a search matched in `<mark>`; `html` is the API's highlight, rendered as text pieces. */
export const HighlightedText = ({ html, text }: { html?: string; text: string }) =>
  html === undefined ? (
    <>{text}</>
  ) : (
    <>
      {highlightPieces(html).map((piece, index) =>
        piece.marked ? (
          <mark key={index} data-testid="search-match">
            {piece.text}
          </mark>
        ) : (
          <span key={index}>{piece.text}</span>
        ),
      )}
    </>
  );
