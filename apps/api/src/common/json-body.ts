import { isUtf8 } from 'node:buffer';

/** Far above any record a form sends. */
export const JSON_BODY_LIMIT = '2mb';
/** Far deeper than any record of the API (a statement's stances are 3 levels deep). */
export const JSON_MAX_DEPTH = 32;

/** An error body-parser answers with its own status (see all-exceptions.filter.ts). */
function badRequest(message: string): Error {
  return Object.assign(new Error(message), { status: 400, type: 'entity.verify.failed' });
}

/**
 * body-parser's `verify` for JSON bodies, run on the raw bytes before they are parsed: bytes that
 * are not UTF-8 are refused (decoding would silently turn them into U+FFFD), and so is nesting
 * deeper than JSON_MAX_DEPTH (validation walks a body recursively).
 */
export function verifyJsonBody(_request: unknown, _response: unknown, body: Buffer): void {
  if (!isUtf8(body)) throw badRequest('the body is not valid UTF-8');
  if (nestingDepth(body) > JSON_MAX_DEPTH) throw badRequest(`the JSON body is nested deeper than ${JSON_MAX_DEPTH} levels`);
}

/** The deepest nesting of arrays and objects in JSON text (strings skipped); a single pass over the bytes. */
export function nestingDepth(json: Buffer): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const byte = json[i];
    if (inString) {
      if (byte === 0x5c)
        i++; // backslash: the next byte is escaped
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) {
      inString = true;
    } else if (byte === 0x5b || byte === 0x7b) {
      if (++depth > deepest) deepest = depth;
    } else if (byte === 0x5d || byte === 0x7d) {
      depth--;
    }
  }
  return deepest;
}
