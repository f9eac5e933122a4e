import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { FieldErrorsException } from './api-error';

/**
 * Control characters a stored text may not hold: the C0 controls but tab, line feed and carriage
 * return (Windows line ends), DEL, and the C1 controls. ESC (U+001B) and CSI (U+009B), which start
 * ANSI escape sequences, are among them. Also a lone UTF-16 surrogate, which has no UTF-8 form
 * and would be stored as U+FFFD.
 */
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- control characters are what it finds
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` may not be stored, or undefined when it may. */
export function textProblem(text: string): string | undefined {
  const match = FORBIDDEN.exec(text);
  if (!match) return undefined;
  const code = `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  if (match[0] >= '\uD800') return `is not valid Unicode: a lone surrogate ${code} at character ${match.index + 1}`;
  return `must not contain control characters: ${code} at character ${match.index + 1} (only tab and line breaks are allowed)`;
}

/** The first string in a JSON value that breaks `textProblem`, as `[path, problem]` (`roles.0.title`). */
export function findTextProblem(value: unknown, path = ''): [string, string] | undefined {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? [path || 'body', problem] : undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    const keyProblem = textProblem(key);
    if (keyProblem) return [at, `has a key that ${keyProblem}`];
    const found = findTextProblem(item, at);
    if (found) return found;
  }
  return undefined;
}

/** Every JSON body, before validation: a text with control characters is a 400 naming its field. */
@Injectable()
export class TextRulesPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body') return value;
    const found = findTextProblem(value);
    if (found) throw new FieldErrorsException({ [found[0]]: found[1] });
    return value;
  }
}
