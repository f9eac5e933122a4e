import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { authProvider, readToken } from './authProvider';

const user = { id: '6d1f4a9e-0000-4000-8000-000000000001', email: 'editor@example.org', name: 'Editor', role: 'editor' };

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const fetchMock = vi.fn<typeof fetch>();

const logIn = async () => {
  fetchMock.mockResolvedValueOnce(json(200, { accessToken: 'token-1', user }));
  await authProvider.login({ email: user.email, password: 'right' });
};

describe('authProvider', () => {
  beforeEach(() => {
    localStorage.clear();
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('posts the email and password to the login route', async () => {
    await logIn();

    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/api/auth/login');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(init?.body as string)).toEqual({ email: user.email, password: 'right' });
  });

  it('keeps the token and the identity after logging in', async () => {
    await logIn();

    expect(readToken()).toBe('token-1');
    await expect(authProvider.checkAuth()).resolves.toBeUndefined();
    await expect(authProvider.getIdentity()).resolves.toEqual({ id: user.id, fullName: 'Editor' });
    await expect(authProvider.getPermissions()).resolves.toBe('editor');
  });

  it('names the user by email when they have no name', async () => {
    fetchMock.mockResolvedValueOnce(json(200, { accessToken: 'token-1', user: { ...user, name: null } }));
    await authProvider.login({ email: user.email, password: 'right' });

    await expect(authProvider.getIdentity()).resolves.toMatchObject({ fullName: user.email });
  });

  it('rejects a wrong password and stores nothing', async () => {
    fetchMock.mockResolvedValueOnce(json(401, { message: 'Invalid credentials' }));

    await expect(authProvider.login({ email: user.email, password: 'wrong' })).rejects.toThrow('ra.auth.sign_in_error');
    expect(readToken()).toBeNull();
    await expect(authProvider.checkAuth()).rejects.toThrow();
  });

  it('rejects when the server cannot be reached', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));

    await expect(authProvider.login({ email: user.email, password: 'right' })).rejects.toThrow();
    expect(readToken()).toBeNull();
  });

  it('logs out on 401', async () => {
    await logIn();

    await expect(authProvider.checkError({ status: 401 })).rejects.toThrow();
    expect(readToken()).toBeNull();
    await expect(authProvider.checkAuth()).rejects.toThrow();
    await expect(authProvider.getIdentity()).rejects.toThrow();
  });

  it('stays logged in on 403, which only means the role may not do that', async () => {
    await logIn();

    await expect(authProvider.checkError({ status: 403 })).resolves.toBeUndefined();
    expect(readToken()).toBe('token-1');
    await expect(authProvider.checkAuth()).resolves.toBeUndefined();
  });

  it('forgets the session on logout', async () => {
    await logIn();

    await authProvider.logout();
    expect(readToken()).toBeNull();
    await expect(authProvider.getPermissions()).resolves.toBeUndefined();
  });
});
