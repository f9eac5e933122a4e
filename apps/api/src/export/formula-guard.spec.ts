import { neutraliseFormula } from './formula-guard';

describe('neutraliseFormula', () => {
  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['=1+1', "'=1+1"],
    ['+cmd|calc', "'+cmd|calc"],
    ['-2+3', "'-2+3"],
    ['-', "'-"],
    ['@x', "'@x"],
    ['@SUM(1)', "'@SUM(1)"],
    ['\tx', "'\tx"],
    ['\r=x', "'\r=x"],
  ])('prefixes %j', (cell, expected) => {
    expect(neutraliseFormula(cell)).toBe(expected);
  });

  it.each(['-2', '+1', '-1.5', '0', '2', '0.25', '', 'text = fine', 'أذربيجان', 'a-b', 'actor:armenia:-2', "'already quoted"])(
    'keeps %j',
    (cell) => {
      expect(neutraliseFormula(cell)).toBe(cell);
    },
  );
});
