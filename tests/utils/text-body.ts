import type { Response } from 'superagent';

/** A supertest parser that keeps a body as UTF-8 text, byte order mark included: `.buffer(true).parse(textBody)`. */
export function textBody(res: Response, done: (error: Error | null, body: string) => void): void {
  let body = '';
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => (body += chunk));
  stream.on('end', () => done(null, body));
}
