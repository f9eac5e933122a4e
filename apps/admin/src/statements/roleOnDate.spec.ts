import { describe, expect, it } from 'vitest';
import { roleOnDate } from './roleOnDate';

const roles = [
  { actorId: 'minister', from: '2010-01-01', to: '2018-05-07' },
  { actorId: 'government', from: '2018-05-08', to: null },
];

describe('the role a speaker held on a date', () => {
  it('picks the role whose period covers the date, open ends included', () => {
    expect(roleOnDate(roles, '2023-09-19')?.actorId).toBe('government');
    expect(roleOnDate(roles, '2018-05-07')?.actorId).toBe('minister');
  });

  it('has none before the first role, without a date or without roles', () => {
    expect(roleOnDate(roles, '2000-01-01')).toBeUndefined();
    expect(roleOnDate(roles, null)).toBeUndefined();
    expect(roleOnDate(undefined, '2023-01-01')).toBeUndefined();
  });
});
