import type { ReactNode } from 'react';
import { Chip } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Signed } from './Signed';
import { STANCE_LABEL_KEYS, stanceColour, stanceTextColour } from './stance';

/**
 * One stance: its value and label on the colour of the scale, with the target when given.
 * `compact` (lists) leaves the label's words to the tooltip, so that chips stay short.
 */
export const StanceChip = ({ value, target, compact = false }: { value: number; target?: ReactNode; compact?: boolean }) => {
  const translate = useTranslate();
  const words = translate(STANCE_LABEL_KEYS[value] ?? '');
  const label = compact ? (
    <Signed value={value} />
  ) : (
    <>
      <Signed value={value} /> {words}
    </>
  );
  return (
    <Chip
      size="small"
      data-stance={value}
      title={compact ? `${typeof target === 'string' ? `${target}: ` : ''}${words}` : undefined}
      label={
        // Compact: the value first, so that a long target's ellipsis never hides it.
        compact && target ? (
          <>
            {label} <bdi>{target}</bdi>
          </>
        ) : target ? (
          <>
            <bdi>{target}</bdi>: {label}
          </>
        ) : (
          label
        )
      }
      sx={{ bgcolor: stanceColour(value), color: stanceTextColour(value), m: 0.25, maxWidth: '100%' }}
    />
  );
};
