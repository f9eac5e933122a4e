import { splitByMonth } from './month-split';

describe('splitByMonth', () => {
  it('reads everything from months when no date is given', () => {
    expect(splitByMonth()).toEqual({ months: { from: undefined, until: undefined }, days: [] });
  });

  it('keeps whole months whole', () => {
    expect(splitByMonth('2023-01-01', '2023-03-31')).toEqual({ months: { from: '2023-01-01', until: '2023-04-01' }, days: [] });
    expect(splitByMonth('2024-02-01', '2024-02-29')).toEqual({ months: { from: '2024-02-01', until: '2024-03-01' }, days: [] });
  });

  it('reads the days before the first and after the last whole month', () => {
    expect(splitByMonth('2023-01-15', '2023-03-10')).toEqual({
      months: { from: '2023-02-01', until: '2023-03-01' },
      days: [
        { from: '2023-01-15', to: '2023-01-31' },
        { from: '2023-03-01', to: '2023-03-10' },
      ],
    });
    expect(splitByMonth('2023-12-02', '2024-01-31')).toEqual({
      months: { from: '2024-01-01', until: '2024-02-01' },
      days: [{ from: '2023-12-02', to: '2023-12-31' }],
    });
  });

  it('handles open ends', () => {
    expect(splitByMonth('2023-09-19')).toEqual({
      months: { from: '2023-10-01', until: undefined },
      days: [{ from: '2023-09-19', to: '2023-09-30' }],
    });
    expect(splitByMonth(undefined, '2023-09-19')).toEqual({
      months: { from: undefined, until: '2023-09-01' },
      days: [{ from: '2023-09-01', to: '2023-09-19' }],
    });
  });

  it('reads only days when the range holds no whole month', () => {
    expect(splitByMonth('2023-09-19', '2023-09-19')).toEqual({ months: null, days: [{ from: '2023-09-19', to: '2023-09-19' }] });
    expect(splitByMonth('2023-09-10', '2023-10-05')).toEqual({ months: null, days: [{ from: '2023-09-10', to: '2023-10-05' }] });
  });
});
