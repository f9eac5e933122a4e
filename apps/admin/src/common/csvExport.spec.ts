import { describe, expect, it } from 'vitest';
import { buildExportUrl, cleanFilter, fileNameFrom } from './csvExport';

const query = (url: string) => Object.fromEntries(new URL(url, 'http://x').searchParams);

describe('server CSV export URL', () => {
  it('carries the filter and the sort as JSON', () => {
    const url = buildExportUrl('statements/export.csv', {
      filter: { q: 'اعلنت', actorId: 'a1', stance: { min: -2, max: -1 } },
      sort: { field: 'saidOn', order: 'DESC' },
    });
    expect(url.startsWith('/api/statements/export.csv?')).toBe(true);
    expect(JSON.parse(query(url).filter)).toEqual({ q: 'اعلنت', actorId: 'a1', stance: { min: -2, max: -1 } });
    expect(JSON.parse(query(url).sort)).toEqual(['saidOn', 'DESC']);
  });

  it('leaves out empty filter values and an empty filter', () => {
    expect(cleanFilter({ q: '', lang: null, tagId: [], stance: { min: undefined }, kind: 'quote' })).toEqual({ kind: 'quote' });
    expect(buildExportUrl('positions/export.csv', { filter: { q: '' } })).toBe('/api/positions/export.csv');
  });

  it('names the file from Content-Disposition', () => {
    expect(fileNameFrom('attachment; filename="statements-2023.csv"', 'x.csv')).toBe('statements-2023.csv');
    expect(fileNameFrom("attachment; filename*=UTF-8''%D8%AA.csv", 'x.csv')).toBe('ت.csv');
    expect(fileNameFrom(null, 'x.csv')).toBe('x.csv');
  });
});
