import { stringify } from 'csv-stringify';
import type { Transform } from 'node:stream';
import { neutraliseFormula } from './formula-guard';

/**
 * Rows (arrays in header order, or objects keyed by header) to CSV: RFC 4180 (CRLF, fields with
 * commas, quotes or line breaks quoted, quotes doubled), a header row, an optional UTF-8 BOM for
 * Excel, and the formula guard on every text cell. Numbers and nulls are written as they are.
 */
export function csvWriter(header: string[], bom: boolean): Transform {
  return stringify({
    header: true,
    columns: header,
    bom,
    record_delimiter: 'windows',
    // Quote any field with a CR or LF, not only those with a CRLF (the library's default once a delimiter is set).
    quote_record_delimiter: true,
    cast: { string: neutraliseFormula },
  });
}
