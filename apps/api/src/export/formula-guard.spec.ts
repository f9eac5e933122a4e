import { neutraliseFormula, restoreFormula } from './formula-guard';

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

describe('restoreFormula', () => {
  it.each([
    ["'=SUM(1)", '=SUM(1)'],
    ["''=x", "'=x"],
    ["'''-y", "''-y"],
    ["'\tx", '\tx'],
    ["'quoted' word", "'quoted' word"],
    ["'", "'"],
    ['-2', '-2'],
  ])('reads %j as %j', (cell, expected) => {
    expect(restoreFormula(cell)).toBe(expected);
  });

  it.each(["'=1+1", "''=x", "'-2 points", "'@user", '=SUM(A1)', '-2', '+1', "'plain", "'", '', "'\r=x", '\t=1'])(
    'gives back %j exactly after the export guarded it',
    (text) => {
      expect(restoreFormula(neutraliseFormula(text))).toBe(text);
    },
  );
});
