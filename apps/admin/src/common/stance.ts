import { STANCE_SCALE } from '@stance/common';

/** i18n key of each stance value's label. */
export const STANCE_LABEL_KEYS: Record<number, string> = {
  [-2]: 'stance.values.strongly_opposes',
  [-1]: 'stance.values.opposes',
  0: 'stance.values.neutral',
  1: 'stance.values.supports',
  2: 'stance.values.strongly_supports',
};

const COLOURS: Record<number, string> = {
  [-2]: '#c62828',
  [-1]: '#ef9a9a',
  0: '#bdbdbd',
  1: '#a5d6a7',
  2: '#2e7d32',
};

/** Red for opposition, grey for neutral, green for support; a fractional mean takes the nearest step. */
export const stanceColour = (value: number): string => COLOURS[Math.max(-2, Math.min(2, Math.round(value)))];

/** Text that stays readable on stanceColour(value). */
export const stanceTextColour = (value: number): string => (Math.abs(Math.round(value)) === 2 ? '#fff' : 'rgba(0,0,0,0.87)');

export const stanceChoices = STANCE_SCALE.map(({ value }) => ({ id: value, name: STANCE_LABEL_KEYS[value] }));

/** `+2`, `-1`, `0`: the sign always shown. */
export const formatStance = (value: number): string => (value > 0 ? `+${value}` : String(value));
