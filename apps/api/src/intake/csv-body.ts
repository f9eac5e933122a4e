import { BadRequestException, HttpException, HttpStatus, UnsupportedMediaTypeException } from '@nestjs/common';
import type { ImportError } from '@stance/common';
import { parse } from 'csv-parse';
import type { Request } from 'express';
import type { Readable } from 'node:stream';
import { ClientGoneError } from '../common/request-context';
import type { ImportLimits } from '../config/app-config';
// busboy (multer's parser) ships no types; this is the part used here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const busboy = require('busboy') as (options: { headers: Request['headers']; limits?: BusboyLimits }) => BusboyStream;

interface BusboyLimits {
  files?: number;
  fileSize?: number;
  fields?: number;
  fieldSize?: number;
  parts?: number;
  headerPairs?: number;
}

interface BusboyStream extends NodeJS.WritableStream {
  on(event: 'file', listener: (name: string, stream: Readable) => void): this;
  on(event: 'close', listener: () => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
}

/** Room for a multipart body's boundaries, part headers and small fields around the file itself. */
const MULTIPART_ENVELOPE_BYTES = 64 * 1024;

/**
 * The records of an import's CSV: a `text/csv` (or `application/octet-stream`) body, or the
 * multipart field `file`. The body is read to its end before the import touches the database, so
 * a client that stalls or goes away never holds a connection or a transaction. While it streams
 * in, the file is checked against `limits` (bytes, rows, bytes of a record) and must be valid
 * UTF-8; any breach, a malformed multipart body or CSV, or an aborted upload settles the promise
 * at once, stops reading, and answers a 4xx `{created: 0, updated: 0, errors: [{row, field, message}]}`.
 */
export function readCsvRecords(request: Request, limits: ImportLimits): Promise<string[][]> {
  const type = (request.headers['content-type'] ?? '').toLowerCase();
  const multipart = type.startsWith('multipart/form-data');
  if (!multipart && !type.startsWith('text/csv') && !type.startsWith('application/octet-stream')) {
    return Promise.reject(new UnsupportedMediaTypeException('send the CSV as text/csv or as the multipart field "file"'));
  }
  return new Promise<string[][]>((resolve, reject) => {
    const records: string[][] = [];
    let settled = false;
    let bytes = 0;
    // fatal: bytes that are not UTF-8 are refused, not replaced by U+FFFD. A leading BOM is dropped.
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const parser = parse({ relax_column_count: true, skip_empty_lines: true, max_record_size: limits.maxRecordBytes });

    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      request.unpipe();
      parser.destroy();
      // The rest of the body is not wanted: the answer closes the connection instead of draining it.
      if (!request.res?.headersSent) request.res?.setHeader('Connection', 'close');
      request.resume();
      reject(error);
    };
    const feed = (chunk: Buffer) => {
      if (settled) return;
      bytes += chunk.length;
      if (bytes > limits.maxBytes) return fail(tooLarge(limits));
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        return fail(refused(HttpStatus.BAD_REQUEST, `is not valid UTF-8 (within its first ${bytes} bytes)`));
      }
      if (text) parser.write(text);
    };
    const finish = () => {
      if (settled) return;
      let rest: string;
      try {
        rest = decoder.decode();
      } catch {
        return fail(refused(HttpStatus.BAD_REQUEST, 'is not valid UTF-8 (it ends inside a character)'));
      }
      if (rest) parser.write(rest);
      parser.end();
    };

    parser.on('readable', () => {
      let record: string[] | null;
      while (!settled && (record = parser.read() as string[] | null) !== null) {
        // The header and `maxRows` data records.
        if (records.length > limits.maxRows) {
          return fail(refused(HttpStatus.PAYLOAD_TOO_LARGE, `has more than ${limits.maxRows} rows (IMPORT_MAX_ROWS)`));
        }
        records.push(record);
      }
    });
    parser.on('error', (error: Error & { code?: string; records?: number; lines?: number }) => {
      if (error.code === 'CSV_MAX_RECORD_SIZE') {
        const row = error.records ?? 0;
        return fail(
          refused(
            HttpStatus.PAYLOAD_TOO_LARGE,
            `is longer than ${limits.maxRecordBytes} bytes (IMPORT_MAX_RECORD_BYTES)`,
            row,
            row ? 'row' : 'file',
          ),
        );
      }
      fail(refused(HttpStatus.BAD_REQUEST, `is malformed CSV${error.lines ? ` near line ${error.lines}` : ''}: ${error.message}`));
    });
    parser.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(records);
    });

    // A client that goes away before the body is complete is not answered.
    request.on('error', () => fail(new ClientGoneError()));
    request.on('close', () => {
      if (!request.complete) fail(new ClientGoneError());
    });

    const declared = Number(request.headers['content-length']);
    if (declared > limits.maxBytes + (multipart ? MULTIPART_ENVELOPE_BYTES : 0)) return fail(tooLarge(limits));

    if (!multipart) {
      request.on('data', feed);
      request.on('end', finish);
      return;
    }
    let form: BusboyStream;
    try {
      form = busboy({
        headers: request.headers,
        limits: { files: 1, fileSize: limits.maxBytes, fields: 20, fieldSize: 64 * 1024, parts: 40, headerPairs: 50 },
      });
    } catch (error) {
      return fail(malformedMultipart(error as Error));
    }
    let found = false;
    form.on('file', (name, stream) => {
      if (name !== 'file' || found) {
        stream.resume();
        return;
      }
      found = true;
      stream.on('data', feed);
      // busboy truncates a file past `fileSize` and says so.
      stream.on('limit', () => fail(tooLarge(limits)));
      stream.on('error', (error: Error) => fail(malformedMultipart(error)));
    });
    form.on('error', (error) => fail(malformedMultipart(error)));
    form.on('close', () => {
      if (!found) return fail(refused(HttpStatus.BAD_REQUEST, 'is required: no multipart field "file"'));
      finish();
    });
    request.pipe(form);
  });
}

function tooLarge(limits: ImportLimits): HttpException {
  return refused(HttpStatus.PAYLOAD_TOO_LARGE, `is larger than ${limits.maxBytes} bytes (IMPORT_MAX_BYTES)`);
}

function malformedMultipart(error: Error): HttpException {
  return refused(HttpStatus.BAD_REQUEST, `could not be read: malformed multipart body (${error.message})`);
}

/** The import's error answer for a file that cannot be read: `row` 0 is the file as a whole. */
function refused(status: HttpStatus, message: string, row = 0, field = 'file'): HttpException {
  const errors: ImportError[] = [{ row, field, message }];
  const text = row ? `import refused: row ${row} ${message}` : `import refused: the ${field} ${message}`;
  const body = { statusCode: status, message: text, created: 0, updated: 0, errors };
  return status === HttpStatus.BAD_REQUEST ? new BadRequestException(body) : new HttpException(body, status);
}
