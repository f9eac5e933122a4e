import { HttpError, fetchUtils } from 'react-admin';
import simpleRestProvider from 'ra-data-simple-rest';
import { readToken } from './authProvider';
import { translatableFieldErrors } from './common/fieldErrors';

export const httpClient = async (url: string, options: fetchUtils.Options = {}) => {
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

export const dataProvider = simpleRestProvider('/api', httpClient);
