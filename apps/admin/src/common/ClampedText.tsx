import type { ReactNode } from 'react';
import { Box } from '@mui/material';

/**
 * A statement's text cut to a few lines in a list; the whole text shows on hover (title) and
 * when the row is focused or hovered, so a long quote never widens the table. `children`, when
 * given, is what shows in place of the plain text (a search's highlight of it).
 */
export const ClampedText = ({ text, lang, lines = 3, children }: { text: string; lang?: string; lines?: number; children?: ReactNode }) => (
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
    {children ?? text}
  </Box>
);
