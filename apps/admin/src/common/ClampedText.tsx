import { Box } from '@mui/material';

/**
 * A statement's text cut to a few lines in a list; the whole text shows on hover (title) and
 * when the row is focused or hovered, so a long quote never widens the table.
 */
export const ClampedText = ({ text, lang, lines = 3 }: { text: string; lang?: string; lines?: number }) => (
  <Box
    component="span"
    dir="auto"
    lang={lang}
    title={text}
    sx={{
      display: '-webkit-box',
      WebkitBoxOrient: 'vertical',
      WebkitLineClamp: lines,
      overflow: 'hidden',
      unicodeBidi: 'isolate',
      textAlign: 'start',
      overflowWrap: 'anywhere',
      'tr:hover &, tr:focus-within &': { WebkitLineClamp: 'unset' },
    }}
  >
    {text}
  </Box>
);
