import Module from 'node:module';
import { join } from 'node:path';

/**
 * The bench is compiled with plain `tsc`, which keeps the `@stance/common` path alias in the
 * output (the API's own build rewrites it); map it to the compiled library before anything loads it.
 */
const library = join(__dirname, '..', 'libs', 'common', 'src');
const resolver = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
const original = resolver._resolveFilename.bind(resolver);
resolver._resolveFilename = (request: string, ...rest: unknown[]) =>
  original(
    request === '@stance/common' ? library : request.startsWith('@stance/common/') ? join(library, request.slice(15)) : request,
    ...rest,
  );
