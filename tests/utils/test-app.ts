import type { INestApplication } from '@nestjs/common';
import type { Role } from '@stance/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { seedDatabase } from '../../seeds/seed';
import { createApp } from '../../apps/api/src/bootstrap';
import { hashPassword } from '../../apps/api/src/auth/passwords';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { announceFirstAdmin } from '../../apps/api/src/users/first-admin';
import { createTestDatabase, TestDatabase } from './test-database';

/** A supertest client; from `as()` and `withToken()` every request carries `Authorization: Bearer`. */
export type Client = ReturnType<typeof request.agent>;

export interface TestUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  password: string;
  token: string;
}

/**
 * The real API on its own migrated database, served in-process for supertest.
 *
 * Every route but health, login and the docs needs a bearer token. By default the app has one
 * signed-in user per role (the first admin from ADMIN_EMAIL/ADMIN_PASSWORD, `editor@test.local`,
 * `analyst@test.local`):
 *
 *   const t = await createTestApp();
 *   await t.as('editor').post('/api/tags').send({ slug: 'x', name: 'X' }).expect(201);
 *   await t.as('analyst').post('/api/tags').send({ slug: 'x', name: 'X' }).expect(403);
 *   await t.http.get('/api/tags').expect(401);                     // `http` sends no token
 *   const token = t.tokenFor('admin');  t.users.editor.id;         // for audit assertions
 *   const other = await t.createUser({ role: 'editor' });           // another signed-in user
 *   await t.withToken(other.token).get('/api/auth/me').expect(200);
 *
 * `{ users: false }` starts with no user at all (no first admin): for the first-admin tests.
 */
export interface TestApp {
  app: INestApplication;
  /** Anonymous: no token. */
  http: ReturnType<typeof request>;
  db: TestDatabase;
  dataSource: DataSource;
  users: Record<Role, TestUser>;
  as(role: Role): Client;
  tokenFor(role: Role): string;
  withToken(token: string): Client;
  createUser(input: { role: Role; email?: string; name?: string; password?: string; disabled?: boolean }): Promise<TestUser>;
  /** Signs in through `POST /api/auth/login`; returns the token. */
  login(email: string, password: string): Promise<string>;
  close(): Promise<void>;
}

export async function createTestApp(options: { seed?: boolean; env?: Record<string, string>; users?: boolean } = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = loadConfig({
    LOG_LEVEL: 'error',
    ADMIN_PASSWORD: 'admin-password',
    CORS_ORIGINS: 'http://allowed.example',
    ...options.env,
  });
  const app = await createApp(config, db.url);
  await app.init();
  const dataSource = app.get(DataSource);
  const http = request(app.getHttpServer());
  const withToken = (token: string): Client => request.agent(app.getHttpServer()).set('Authorization', `Bearer ${token}`);

  let created = 0;
  const login = async (email: string, password: string): Promise<string> => {
    const response = await http.post('/api/auth/login').send({ email, password });
    if (response.status !== 200) throw new Error(`login as ${email} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body.accessToken as string;
  };
  const createUser: TestApp['createUser'] = async ({ role, email, name, password = `${role}-password`, disabled = false }) => {
    email ??= `${role}-${++created}@test.local`;
    name ??= `Test ${role}`;
    const [{ id }] = (await dataSource.query(
      `INSERT INTO users (email, name, role, password_hash, disabled) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [email, name, role, await hashPassword(password), disabled],
    )) as { id: string }[];
    return { id, email, name, role, password, token: disabled ? '' : await login(email, password) };
  };

  const users = {} as Record<Role, TestUser>;
  if (options.users !== false) {
    const admin = await announceFirstAdmin(app, config, () => undefined);
    const adminPassword = config.adminPassword ?? admin?.generatedPassword;
    if (!adminPassword) throw new Error('users already exist in a fresh test database');
    users.admin = {
      id: admin!.id,
      email: admin!.email,
      name: 'Administrator',
      role: 'admin',
      password: adminPassword,
      token: await login(admin!.email, adminPassword),
    };
    users.editor = await createUser({ role: 'editor', email: 'editor@test.local' });
    users.analyst = await createUser({ role: 'analyst', email: 'analyst@test.local' });
  }
  if (options.seed) await seedDatabase(dataSource);

  const tokenFor = (role: Role): string => {
    if (!users[role]) throw new Error('this test app was created with { users: false }: no signed-in users');
    return users[role].token;
  };
  return {
    app,
    http,
    db,
    dataSource,
    users,
    as: (role) => withToken(tokenFor(role)),
    tokenFor,
    withToken,
    createUser,
    login,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
