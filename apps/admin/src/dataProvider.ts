import { fetchUtils, type DataProvider } from 'react-admin';
import simpleRestProvider from 'ra-data-simple-rest';
import { readToken } from './authProvider';

const httpClient = (url: string, options: fetchUtils.Options = {}) => {
  const token = readToken();
  return fetchUtils.fetchJson(url, {
    ...options,
    user: token ? { authenticated: true, token: `Bearer ${token}` } : undefined,
  });
};

const rest = simpleRestProvider('/api', httpClient);

/** ra-data-simple-rest, and `meta.q` on getOne asks the API for the highlight of that search. */
export const dataProvider: DataProvider = {
  ...rest,
  getOne: async (resource, params) => {
    const q = (params.meta as { q?: unknown } | undefined)?.q;
    if (typeof q !== 'string' || !q.trim()) return rest.getOne(resource, params);
    const { json } = await httpClient(`/api/${resource}/${encodeURIComponent(String(params.id))}?q=${encodeURIComponent(q)}`);
    return { data: json };
  },
};
