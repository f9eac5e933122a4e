import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { csvWriter } from './csv-writer';
import { statementCsvHeader } from './statement-export.query';

const write = (header: string[], rows: unknown[], bom = true) =>
  buffer(Readable.from(rows).pipe(csvWriter(header, bom))).then((b) => b.toString('utf8'));

describe('csvWriter', () => {
  it('writes a BOM, a header and RFC 4180 records with CRLF', async () => {
    expect(await write(['id', 'text'], [['1', 'plain']])).toBe('\uFEFFid,text\r\n1,plain\r\n');
    expect(await write(['id', 'text'], [['1', 'plain']], false)).toBe('id,text\r\n1,plain\r\n');
  });

  it('quotes commas, quotes and line breaks, keeps Arabic, writes null as empty', async () => {
    expect(await write(['a', 'b', 'c', 'd'], [['x, y', 'say "no"', 'one\ntwo', null]], false)).toBe(
      'a,b,c,d\r\n"x, y","say ""no""","one\ntwo",\r\n',
    );
    expect(await write(['text', 'cr'], [['أذربيجان، قره باغ', 'a\rb']], false)).toBe('text,cr\r\nأذربيجان، قره باغ,"a\rb"\r\n');
  });

  it('neutralises formulas in text cells but leaves numbers alone', async () => {
    expect(await write(['a', 'b', 'c', 'd', 'e'], [['=SUM(A1)', '-2', -1.5, '@x', '+1']], false)).toBe(
      `a,b,c,d,e\r\n'=SUM(A1),-2,-1.5,'@x,+1\r\n`,
    );
  });

  it('takes objects keyed by the header, in header order', async () => {
    expect(await write(['count', 'mean'], [{ mean: -0.67, count: 3, extra: 'ignored' }], false)).toBe('count,mean\r\n3,-0.67\r\n');
  });
});

describe('statementCsvHeader', () => {
  it('puts one translation column per language between text and the source', () => {
    const header = statementCsvHeader(['en', 'tr']);
    expect(header.slice(header.indexOf('text'), header.indexOf('sourceId') + 1)).toEqual([
      'text',
      'translation_en',
      'translation_tr',
      'sourceId',
    ]);
    expect(statementCsvHeader([])).not.toContain('translation_en');
    expect(header[0]).toBe('id');
  });
});
