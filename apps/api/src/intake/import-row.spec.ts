import { checkHeader, ImportError, unguard } from './csv-import';
import { parseRow, STATEMENT_IMPORT_COLUMNS } from './import-row';

describe('import rows', () => {
  const header = ['id', 'saidOn', 'actorSlug', 'kind', 'lang', 'text', 'translation_en', 'topics', 'topicSlugs', 'stances', 'notes'];
  const read = (cells: string[]) => {
    const errors: ImportError[] = [];
    return { row: parseRow(header, cells, 7, errors), errors };
  };

  it('removes the export formula guard and only it', () => {
    expect(unguard("'=SUM(A1)")).toBe('=SUM(A1)');
    expect(unguard("'-2 points")).toBe('-2 points');
    expect(unguard("'@user")).toBe('@user');
    expect(unguard("'quoted' word")).toBe("'quoted' word");
    expect(unguard('-2')).toBe('-2');
  });

  it('reads translations, names beside slugs and stances', () => {
    const { row, errors } = read([
      '',
      '2023-09-19',
      'turkey',
      'quote',
      'ar',
      'نص',
      "'=1+1",
      'Peace talks; Ceasefire',
      'peace-talks; ceasefire',
      'actor:azerbaijan:+2; topic:ceasefire:-1',
      '',
    ]);
    expect(errors).toEqual([]);
    expect(row).toMatchObject({
      id: null,
      translations: { en: '=1+1' },
      topics: [
        { slug: 'peace-talks', name: 'Peace talks' },
        { slug: 'ceasefire', name: 'Ceasefire' },
      ],
      stances: [
        { type: 'actor', slug: 'azerbaijan', value: 2 },
        { type: 'topic', slug: 'ceasefire', value: -1 },
      ],
      channel: 'statement',
      status: 'draft',
      notes: null,
    });
  });

  it('names the row and field of every problem', () => {
    const { errors } = read([
      'x',
      '19/09/2023',
      'Turkey',
      'rumour',
      'Arabic',
      ' ',
      '',
      '',
      'Not A Slug',
      'actor:azerbaijan:3; nonsense',
      '',
    ]);
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [7, 'id'],
      [7, 'text'],
      [7, 'lang'],
      [7, 'kind'],
      [7, 'saidOn'],
      [7, 'actorSlug'],
      [7, 'topicSlugs'],
      [7, 'stances'],
      [7, 'stances'],
    ]);
    expect(read(['a', 'b']).errors).toEqual([{ row: 7, field: 'row', message: 'has 2 cells, the header 11' }]);
  });

  it('checks the header: unknown, repeated and missing columns', () => {
    expect(checkHeader(['saidOn', 'actorSlug', 'kind', 'lang', 'text', 'actor', 'translation_tr'], STATEMENT_IMPORT_COLUMNS)).toEqual([]);
    expect(checkHeader(['saidOn', 'saidOn', 'colour'], STATEMENT_IMPORT_COLUMNS)).toEqual([
      { row: 0, field: 'saidOn', message: 'column appears twice' },
      { row: 0, field: 'colour', message: 'unknown column' },
      { row: 0, field: 'actorSlug', message: 'required column is missing' },
      { row: 0, field: 'kind', message: 'required column is missing' },
      { row: 0, field: 'lang', message: 'required column is missing' },
      { row: 0, field: 'text', message: 'required column is missing' },
    ]);
  });
});
