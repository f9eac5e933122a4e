import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { AdminContext, ListBase, memoryStore, type DataProvider } from 'react-admin';
import { afterEach, describe, expect, it } from 'vitest';
import { boundedTotalsProvider } from '../dataProvider';
import { i18nProvider } from '../i18n/i18nProvider';
import { ListPagination } from './ListPagination';

/** An API of `rows` tags that counts at most `bound` of them, as the real one does past TOTALS_EXACT_UP_TO. */
function fakeApi(rows: number, bound: number) {
  const requests: string[] = [];
  const client = async (url: string | Request) => {
    requests.push(String(url));
    const [start, end] = JSON.parse(new URL(String(url), 'http://x').searchParams.get('range') ?? '[0,9]') as [number, number];
    const page = Array.from({ length: Math.max(0, Math.min(end, rows - 1) - start + 1) }, (_, i) => ({ id: `t${start + i}` }));
    const headers = new Headers({ 'Content-Range': `tags ${start}-${start + page.length - 1}/${Math.min(rows, bound)}` });
    if (rows > bound) headers.set('X-Total-Is-Lower-Bound', 'true');
    return { status: 200, headers, body: JSON.stringify(page), json: page };
  };
  return { requests, provider: boundedTotalsProvider('/api', client) };
}

const renderList = (dataProvider: DataProvider) =>
  render(
    <AdminContext dataProvider={dataProvider} i18nProvider={i18nProvider} store={memoryStore()}>
      <ListBase resource="tags" perPage={10} disableSyncWithLocation>
        <ListPagination />
      </ListBase>
    </AdminContext>,
  );

afterEach(cleanup);

describe('lists whose total the API bounded', () => {
  it('pass on an exact total as the stock provider does', async () => {
    const { provider } = fakeApi(42, 10_000);
    const result = await provider.getList('tags', {
      pagination: { page: 1, perPage: 10 },
      sort: { field: 'id', order: 'ASC' },
      filter: {},
    });
    expect(result).toMatchObject({ total: 42 });
    expect(result.pageInfo).toBeUndefined();
  });

  it('answer a lower bound with page info and the bound in meta', async () => {
    const { provider } = fakeApi(10_500, 10_000);
    const result = await provider.getList('tags', {
      pagination: { page: 2, perPage: 10 },
      sort: { field: 'id', order: 'ASC' },
      filter: {},
    });
    expect(result.total).toBeUndefined();
    expect(result.pageInfo).toEqual({ hasPreviousPage: true, hasNextPage: true });
    expect(result.meta).toEqual({ totalAtLeast: 10_000 });
    const references = await provider.getManyReference('tags', {
      target: 'statementId',
      id: 's1',
      pagination: { page: 1, perPage: 10 },
      sort: { field: 'id', order: 'ASC' },
      filter: {},
    });
    expect(references.meta).toEqual({ totalAtLeast: 10_000 });
  });

  it('show "10,000+" and page on past the bound', async () => {
    const { provider, requests } = fakeApi(10_500, 10_000);
    renderList(provider);
    expect(await screen.findByText('1-10 of 10,000+')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /next page/i }));
    expect(await screen.findByText('11-20 of 10,000+')).toBeTruthy();
    await waitFor(() => expect(requests.at(-1)).toContain(encodeURIComponent('[10,19]')));
  });

  it('show an exact total as react-admin does', async () => {
    const { provider } = fakeApi(42, 10_000);
    renderList(provider);
    expect(await screen.findByText('1-10 of 42')).toBeTruthy();
  });
});
