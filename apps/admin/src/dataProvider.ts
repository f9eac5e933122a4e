import { HttpError, fetchUtils, type DataProvider, type GetListParams, type GetManyReferenceParams } from 'react-admin';
import simpleRestProvider from 'ra-data-simple-rest';
import { readToken } from './authProvider';
import { translatableFieldErrors } from './common/fieldErrors';

type HttpClient = typeof fetchUtils.fetchJson;

export const httpClient: HttpClient = async (url, options = {}) => {
  const token = readToken();
  try {
    return await fetchUtils.fetchJson(url, {
      ...options,
      user: token ? { authenticated: true, token: `Bearer ${token}` } : undefined,
    });
  } catch (error) {
    // Field errors reach the form in the UI's language (the API sends a code with each).
    if (error instanceof HttpError && error.body?.codes) {
      throw new HttpError(error.message, error.status, {
        ...error.body,
        errors: translatableFieldErrors(error.body.errors, error.body.codes),
      });
    }
    throw error;
  }
};

/** What a list's `meta` says when the API counted only up to a bound: at least this many rows match. */
export interface BoundedTotalMeta {
  totalAtLeast: number;
}

/**
 * The stock ra-data-simple-rest provider, except for lists whose total the API marks as a lower
 * bound (`X-Total-Is-Lower-Bound: true`: more rows match than it counts). Those are answered with
 * `pageInfo` instead of a total, so that react-admin pages on past the bound with next and previous,
 * and with the bound in `meta.totalAtLeast`, which `ListPagination` shows as "10,000+".
 */
export function boundedTotalsProvider(apiUrl: string, client: HttpClient): DataProvider {
  const stock = simpleRestProvider(apiUrl, client);
  const marked = async <P extends GetListParams | GetManyReferenceParams>(
    read: (provider: DataProvider, params: P) => ReturnType<DataProvider['getList']>,
    params: P,
  ) => {
    let lowerBound = false;
    const noting: HttpClient = async (url, options) => {
      const response = await client(url, options);
      lowerBound = response.headers.get('X-Total-Is-Lower-Bound') === 'true';
      return response;
    };
    const result = await read(simpleRestProvider(apiUrl, noting), params);
    if (!lowerBound || result.total === undefined) return result;
    const { page, perPage } = params.pagination ?? { page: 1, perPage: 10 };
    const meta: BoundedTotalMeta = { totalAtLeast: result.total };
    return { data: result.data, pageInfo: { hasPreviousPage: page > 1, hasNextPage: result.data.length >= perPage }, meta };
  };
  const bounded: Pick<DataProvider, 'getList' | 'getManyReference'> = {
    getList: (resource, params) => marked((provider, p) => provider.getList(resource, p), params) as never,
    getManyReference: (resource, params) => marked((provider, p) => provider.getManyReference(resource, p), params) as never,
  };
  return { ...stock, ...bounded };
}

const rest = boundedTotalsProvider('/api', httpClient);

/** `meta.q` on getOne asks the API for the highlight of that search. */
export const dataProvider: DataProvider = {
  ...rest,
  getOne: async (resource, params) => {
    const q = (params.meta as { q?: unknown } | undefined)?.q;
    if (typeof q !== 'string' || !q.trim()) return rest.getOne(resource, params);
    const { json } = await httpClient(`/api/${resource}/${encodeURIComponent(String(params.id))}?q=${encodeURIComponent(q)}`);
    return { data: json };
  },
};
