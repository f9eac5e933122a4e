import { Chip } from '@mui/material';
import { useTranslate } from 'react-admin';
import { STANCE_LABEL_KEYS, formatStance, stanceColour, stanceTextColour } from './stance';

/** One stance: its value and label on the colour of the scale, with the target when given. */
export const StanceChip = ({ value, target }: { value: number; target?: string | null }) => {
  const translate = useTranslate();
  const label = (
    <>
      <bdi dir="ltr">{formatStance(value)}</bdi> {translate(STANCE_LABEL_KEYS[value] ?? '')}
    </>
  );
  return (
    <Chip
      size="small"
      data-stance={value}
      label={
        target ? (
          <>
            <bdi>{target}</bdi>: {label}
          </>
        ) : (
          label
        )
      }
      sx={{ bgcolor: stanceColour(value), color: stanceTextColour(value), m: 0.25 }}
    />
  );
};
