import { Box, FormLabel, Slider } from '@mui/material';
import { useInput, useTranslate } from 'react-admin';
import { STANCE_MAX, STANCE_MIN } from '@stance/common';
import { Signed } from './Signed';
import { useFormat } from './format';
import { STANCE_LABEL_KEYS, stanceColour } from './stance';

/** A -2…+2 stance as a slider whose marks carry the scale's labels. */
export const StanceSliderInput = ({ source, label }: { source: string; label?: string }) => {
  const translate = useTranslate();
  const { field } = useInput({ source, defaultValue: 0 });
  const value = typeof field.value === 'number' ? field.value : Number(field.value ?? 0);
  const { signed } = useFormat();
  // Marks carry the signed value only, so the slider fits a phone; the chosen value's words show beside the label.
  const marks = Object.keys(STANCE_LABEL_KEYS).map((v) => ({ value: Number(v), label: <bdi dir="ltr">{signed(Number(v))}</bdi> }));
  return (
    <Box sx={{ width: { xs: '100%', sm: 360 }, px: 2, pt: 1, boxSizing: 'border-box' }}>
      <FormLabel sx={{ fontSize: '0.75rem' }}>
        {translate(label ?? 'stance.value')}: <Signed value={value} /> {translate(STANCE_LABEL_KEYS[value] ?? '')}
      </FormLabel>
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
        }}
      />
    </Box>
  );
};
