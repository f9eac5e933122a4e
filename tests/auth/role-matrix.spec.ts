import type { Role } from '@stance/common';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * Who may call what. One line per route (as the OpenAPI document spells it): the least role it
 * needs, or `public`. Every caller (no token, analyst, editor, admin) is tried on every route: below
 * the role → 403, no token → 401, otherwise anything but 401/403/5xx (with a made-up id and an empty
 * body that is usually a 400 or 404), or exactly `ok` when given.
 *
 * A documented route missing here fails the last test: add its line. `planned` routes are in the
 * contract but not built yet; they are checked as soon as they appear in the OpenAPI document.
 */
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
interface RouteAccess {
  method: Method;
  path: string;
  access: 'public' | Role;
  ok?: number;
  planned?: boolean;
}

const route = (method: Method, path: string, access: RouteAccess['access'], extra: Partial<RouteAccess> = {}): RouteAccess => ({
  method,
  path,
  access,
  ...extra,
});

/** ra-data-simple-rest routes: everyone signed in reads, `write` writes. */
const resource = (name: string, write: Role, extra: Partial<RouteAccess> = {}): RouteAccess[] => [
  route('GET', `/api/${name}`, name === 'users' ? 'admin' : 'analyst', { ok: 200, ...extra }),
  route('GET', `/api/${name}/{id}`, name === 'users' ? 'admin' : 'analyst', extra),
  route('POST', `/api/${name}`, write, extra),
  route('PUT', `/api/${name}/{id}`, write, extra),
  route('DELETE', `/api/${name}/{id}`, write, extra),
];

export const ROUTES: RouteAccess[] = [
  route('GET', '/api/health', 'public', { ok: 200 }),
  route('POST', '/api/auth/login', 'public'),
  route('GET', '/api/auth/me', 'analyst', { ok: 200 }),
  ...['actors', 'statements', 'sources', 'topics', 'tags', 'events'].flatMap((name) => resource(name, 'editor')),
  ...resource('relations', 'editor'),
  route('POST', '/api/statements/{id}/restore', 'editor'),
  route('GET', '/api/statements/{id}/similar', 'analyst'),
  route('POST', '/api/statements/similar', 'analyst'),
  route('POST', '/api/statements/batch', 'editor'),
  route('POST', '/api/extract', 'editor'),
  route('GET', '/api/positions', 'analyst', { ok: 200 }),
  route('GET', '/api/statements/export.csv', 'analyst', { ok: 200 }),
  route('GET', '/api/statements/export.ndjson', 'analyst', { ok: 200 }),
  route('GET', '/api/positions/export.csv', 'analyst', { ok: 200 }),
  route('POST', '/api/statements/import', 'editor', { planned: true }),
  ...(['actors', 'topics', 'sources'] as const).flatMap((name) => [
    route('GET', `/api/${name}/export.csv`, 'analyst', { ok: 200 }),
    route('POST', `/api/${name}/import`, 'editor'),
  ]),
  ...resource('users', 'admin'),
  route('GET', '/api/audit', 'analyst', { ok: 200 }),
  route('GET', '/api/audit/{id}', 'analyst'),
];

const CALLERS = ['anonymous', 'analyst', 'editor', 'admin'] as const;
type Caller = (typeof CALLERS)[number];
const RANK: Record<Role, number> = { analyst: 0, editor: 1, admin: 2 };
const MISSING_ID = '00000000-0000-4000-8000-00000000abcd';

function expected(route: RouteAccess, caller: Caller): string {
  if (route.access === 'public') return route.ok ? String(route.ok) : 'allowed';
  if (caller === 'anonymous') return '401';
  if (RANK[caller] < RANK[route.access]) return '403';
  return route.ok ? String(route.ok) : 'allowed';
}

function outcome(route: RouteAccess, status: number): string {
  if (status === 401 || status === 403) return String(status);
  if (status >= 500) return `server error ${status}`;
  return route.ok ? String(status) : 'allowed';
}

const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

describe('role matrix', () => {
  let t: TestApp;
  let documented: Set<string>;

  beforeAll(async () => {
    t = await createTestApp();
    const { body } = await t.http.get('/api/docs-json').expect(200);
    documented = new Set(
      Object.entries(body.paths as Record<string, object>).flatMap(([path, operations]) =>
        Object.keys(operations).map((m) => key(m, path)),
      ),
    );
  });
  afterAll(() => t.close());

  it.each(ROUTES.map((r) => [key(r.method, r.path), r] as const))('%s', async (name, route) => {
    if (!documented.has(name)) {
      expect({ [name]: route.planned ? 'planned' : 'missing from the API' }).toEqual({ [name]: 'planned' });
      return;
    }
    const url = route.path.replace('{id}', MISSING_ID);
    const actual: Record<string, string> = {};
    const wanted: Record<string, string> = {};
    for (const caller of CALLERS) {
      let call = t.http[route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](url);
      if (caller !== 'anonymous') call = call.set('Authorization', `Bearer ${t.tokenFor(caller)}`);
      if (route.method === 'POST' || route.method === 'PUT') call = call.send({});
      actual[caller] = outcome(route, (await call).status);
      wanted[caller] = expected(route, caller);
    }
    expect(actual).toEqual(wanted);
  });

  it('lists every route the API documents', () => {
    const listed = new Set(ROUTES.map((r) => key(r.method, r.path)));
    expect([...documented].filter((name) => !listed.has(name))).toEqual([]);
  });
});
