import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Signed } from '../common/Signed';
import { STANCE_LABEL_KEYS, stanceColour, stanceTextColour } from '../common/stance';

/** What the board's colours and type faces mean. */
export const Legend = () => {
  const translate = useTranslate();
  return (
    <Box data-testid="positions-legend" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'center', mt: 1, fontSize: '0.8rem' }}>
      {[-2, -1, 0, 1, 2].map((value) => (
        <Box
          key={value}
          component="span"
          sx={{ bgcolor: stanceColour(value), color: stanceTextColour(value), px: 1, borderRadius: 1, whiteSpace: 'nowrap' }}
        >
          <Signed value={value} /> {translate(STANCE_LABEL_KEYS[value])}
        </Box>
      ))}
      <Typography variant="caption" color="text.secondary">
        {translate('positions.legend.cell')}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {translate('positions.legend.actor')} · <i>{translate('positions.legend.topic')}</i>
      </Typography>
    </Box>
  );
};
