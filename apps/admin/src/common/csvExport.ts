import { readToken } from '../authProvider';

export interface ExportQuery {
  filter?: Record<string, unknown>;
  sort?: { field: string; order: 'ASC' | 'DESC' | string };
}

/** Filter values as the API reads them: empty strings and empty objects are no filter at all. */
export const cleanFilter = (filter: Record<string, unknown> = {}): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (typeof value === 'object' && !Array.isArray(value)) {
      const inner = cleanFilter(value as Record<string, unknown>);
      if (Object.keys(inner).length) out[key] = inner;
      continue;
    }
    out[key] = value;
  }
  return out;
};

/** `/api/<path>?filter=…&sort=…`, the query the server's streamed CSV export takes. */
export const buildExportUrl = (path: string, { filter, sort }: ExportQuery = {}): string => {
  const params = new URLSearchParams();
  const cleaned = cleanFilter(filter);
  if (Object.keys(cleaned).length) params.set('filter', JSON.stringify(cleaned));
  if (sort?.field) params.set('sort', JSON.stringify([sort.field, sort.order]));
  const query = params.toString();
  return `/api/${path}${query ? `?${query}` : ''}`;
};

/** The file name from `Content-Disposition`, else the fallback. */
export const fileNameFrom = (disposition: string | null, fallback: string): string => {
  if (!disposition) return fallback;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded) return decodeURIComponent(encoded[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : fallback;
};

/** Fetches the CSV with the session's token and saves it as a file. */
export async function downloadCsv(url: string, fallbackName: string): Promise<void> {
  const token = readToken();
  const response = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    throw new Error(body?.message ?? `HTTP ${response.status}`);
  }
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileNameFrom(response.headers.get('Content-Disposition'), fallbackName);
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 1000);
}
