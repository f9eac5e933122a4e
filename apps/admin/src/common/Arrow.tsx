import { Box } from '@mui/material';

/** "→" pointing the reading direction: mirrored in a right-to-left page. */
export const Arrow = () => (
  <Box component="span" aria-hidden sx={{ display: 'inline-block', mx: 0.5, '[dir=rtl] &': { transform: 'scaleX(-1)' } }}>
    →
  </Box>
);
