import type { AuthProvider } from 'react-admin';
import type { Role } from '@stance/common';

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
}

const TOKEN_KEY = 'stance.accessToken';
const USER_KEY = 'stance.user';

export const readToken = (): string | null => localStorage.getItem(TOKEN_KEY);

const readUser = (): SessionUser | null => {
  const stored = localStorage.getItem(USER_KEY);
  if (!stored) return null;
  try {
    return JSON.parse(stored) as SessionUser;
  } catch {
    return null;
  }
};

const clearSession = () => {
  localStorage.removeItem(TOKEN_KEY);
  localStorage.removeItem(USER_KEY);
};

export const authProvider = {
  async login({ email, password }: { email: string; password: string }) {
    let response: Response;
    try {
      response = await fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ email, password }),
      });
    } catch {
      throw new Error('ra.notification.http_error');
    }
    if (response.status === 401) throw new Error('ra.auth.sign_in_error');
    if (!response.ok) {
      const body = await response.json().catch(() => null);
      throw new Error(body?.message ?? 'ra.notification.http_error');
    }
    const { accessToken, user } = (await response.json()) as { accessToken: string; user: SessionUser };
    localStorage.setItem(TOKEN_KEY, accessToken);
    localStorage.setItem(USER_KEY, JSON.stringify(user));
  },

  async logout() {
    clearSession();
  },

  async checkAuth() {
    if (!readToken()) throw new Error('ra.auth.auth_check_error');
  },

  // 401: the token is missing, expired or revoked. 403 means the role may not do this:
  // the session is still valid, so the user stays logged in and sees the error.
  async checkError({ status }: { status?: number }) {
    if (status === 401) {
      clearSession();
      throw new Error('ra.notification.logged_out');
    }
  },

  async getIdentity() {
    const user = readUser();
    if (!user) throw new Error('ra.auth.auth_check_error');
    return { id: user.id, fullName: user.name || user.email };
  },

  async getPermissions() {
    return readUser()?.role;
  },
} satisfies AuthProvider;
