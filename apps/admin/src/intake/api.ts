import { readToken } from '../authProvider';
import { readImportResult, type Candidate, type ImportResult } from './logic';

const authHeaders = (): Record<string, string> => {
  const token = readToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
};

const messageOf = (body: unknown, status: number): string => {
  const message = (body as { message?: unknown } | null)?.message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : `HTTP ${status}`;
};

/** `POST /api/extract` with the session's token. */
export async function extractCandidates(text: string, lang?: string | null, publishedOn?: string | null): Promise<Candidate[]> {
  const response = await fetch('/api/extract', {
    method: 'POST',
    headers: { ...authHeaders(), 'Content-Type': 'application/json' },
    body: JSON.stringify({ text, ...(lang ? { lang } : {}), ...(publishedOn ? { publishedOn } : {}) }),
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(messageOf(body, response.status));
  return Array.isArray(body?.candidates) ? body.candidates : [];
}

/** What the import screen can import, each in the format of its own export. */
export const IMPORTABLE = ['statements', 'actors', 'topics', 'sources'] as const;
export type Importable = (typeof IMPORTABLE)[number];

/** `POST /api/<resource>/import` with the file as the multipart field `file`. */
export async function importCsv(resource: Importable, file: File, dryRun: boolean): Promise<ImportResult> {
  const form = new FormData();
  form.append('file', file);
  const response = await fetch(`/api/${resource}/import${dryRun ? '?dryRun=true' : ''}`, {
    method: 'POST',
    headers: authHeaders(),
    body: form,
  });
  const body = await response.json().catch(() => null);
  return readImportResult(response.status, body);
}

/** `POST /api/statements/batch`: the checked drafts in one request and one transaction (all saved, or none). */
export async function createStatements(statements: object[]): Promise<{ id: string }[]> {
  const response = await fetch('/api/statements/batch', {
    method: 'POST',
    headers: { ...authHeaders(), 'Content-Type': 'application/json' },
    body: JSON.stringify({ statements }),
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(messageOf(body, response.status));
  return Array.isArray(body) ? body : [];
}
