import { fetchUtils } from 'react-admin';
import simpleRestProvider from 'ra-data-simple-rest';
import { readToken } from './authProvider';

const httpClient = (url: string, options: fetchUtils.Options = {}) => {
  const token = readToken();
  return fetchUtils.fetchJson(url, {
    ...options,
    user: token ? { authenticated: true, token: `Bearer ${token}` } : undefined,
  });
};

export const dataProvider = simpleRestProvider('/api', httpClient);
