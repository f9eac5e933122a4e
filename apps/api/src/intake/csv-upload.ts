import type { Request } from 'express';
import type { Readable } from 'node:stream';
// busboy (multer's parser) ships no types; this is the part used here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const busboy = require('busboy') as (options: { headers: Request['headers']; limits?: { files?: number } }) => BusboyStream;

interface BusboyStream extends NodeJS.WritableStream {
  on(event: 'file', listener: (name: string, stream: Readable) => void): this;
  on(event: 'close' | 'finish', listener: () => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
}

/** The stream of one multipart file field, without buffering it; null when the body has no such field. */
export function csvUpload(request: Request, field: string): Promise<Readable | null> {
  return new Promise((resolve, reject) => {
    let found = false;
    const parser = busboy({ headers: request.headers, limits: { files: 1 } });
    parser.on('file', (name, stream) => {
      if (name !== field || found) {
        stream.resume();
        return;
      }
      found = true;
      resolve(stream);
    });
    parser.on('close', () => {
      if (!found) resolve(null);
    });
    parser.on('error', reject);
    request.pipe(parser);
  });
}
