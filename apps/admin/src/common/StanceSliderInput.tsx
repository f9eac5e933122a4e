import { Box, FormLabel, Slider } from '@mui/material';
import { useInput, useTranslate } from 'react-admin';
import { STANCE_MAX, STANCE_MIN } from '@stance/common';
import { STANCE_LABEL_KEYS, formatStance, stanceColour } from './stance';

/** A -2…+2 stance as a slider whose marks carry the scale's labels. */
export const StanceSliderInput = ({ source, label }: { source: string; label?: string }) => {
  const translate = useTranslate();
  const { field } = useInput({ source, defaultValue: 0 });
  const value = typeof field.value === 'number' ? field.value : Number(field.value ?? 0);
  const marks = Object.entries(STANCE_LABEL_KEYS).map(([v, key]) => ({
    value: Number(v),
    label: formatStance(Number(v)) + ' ' + translate(key),
  }));
  return (
    <Box sx={{ minWidth: 420, px: 3, pt: 1 }}>
      <FormLabel sx={{ fontSize: '0.75rem' }}>{translate(label ?? 'stance.value')}</FormLabel>
      <Slider
        value={value}
        min={STANCE_MIN}
        max={STANCE_MAX}
        step={1}
        marks={marks}
        onChange={(_, next) => field.onChange(next as number)}
        onBlur={field.onBlur}
        valueLabelDisplay="auto"
        valueLabelFormat={(v) => translate(STANCE_LABEL_KEYS[v])}
        slotProps={{ input: { 'aria-label': translate(label ?? 'stance.value'), name: field.name } }}
        sx={{
          color: stanceColour(value),
          '& .MuiSlider-markLabel': { fontSize: '0.65rem', whiteSpace: 'normal', width: 70, textAlign: 'center' },
        }}
      />
    </Box>
  );
};
