import { describe, expect, it } from 'vitest';
import { STANCE_LABEL_KEYS, formatStance, stanceChoices, stanceColour, stanceTextColour } from './stance';

describe('stance scale', () => {
  it('runs from red through grey to green', () => {
    expect([-2, -1, 0, 1, 2].map(stanceColour)).toEqual(['#c62828', '#ef9a9a', '#bdbdbd', '#a5d6a7', '#2e7d32']);
  });

  it('colours a mean by its nearest step and clamps outliers', () => {
    expect(stanceColour(-1.6)).toBe(stanceColour(-2));
    expect(stanceColour(0.4)).toBe(stanceColour(0));
    expect(stanceColour(7)).toBe(stanceColour(2));
  });

  it('writes white on the strong colours only', () => {
    expect(stanceTextColour(-2)).toBe('#fff');
    expect(stanceTextColour(0)).not.toBe('#fff');
  });

  it('labels every value and signs it', () => {
    expect(stanceChoices.map((choice) => choice.id)).toEqual([-2, -1, 0, 1, 2]);
    expect(STANCE_LABEL_KEYS[-2]).toBe('stance.values.strongly_opposes');
    expect([-2, 0, 1].map(formatStance)).toEqual(['-2', '0', '+1']);
  });
});
