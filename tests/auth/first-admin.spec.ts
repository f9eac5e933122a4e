import { announceFirstAdmin } from '../../apps/api/src/users/first-admin';
import { createTestApp, TestApp } from '../utils/test-app';

describe('the first admin', () => {
  describe('without ADMIN_PASSWORD', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({ users: false, env: { ADMIN_PASSWORD: '' } });
    });
    afterAll(() => t.close());

    it('is created with a generated password, printed once, that signs in as admin', async () => {
      const printed: string[] = [];
      const config = { adminEmail: 'admin@localhost', adminPassword: undefined };
      const admin = await announceFirstAdmin(t.app, config, (line) => printed.push(line));
      expect(admin).toMatchObject({ email: 'admin@localhost', generatedPassword: expect.any(String) });
      const password = admin!.generatedPassword!;
      expect(password.length).toBeGreaterThanOrEqual(16);
      expect(printed[0]).toBe(`First admin: admin@localhost / ${password}`);

      const login = await t.http.post('/api/auth/login').send({ email: 'admin@localhost', password }).expect(200);
      expect(login.body.user).toMatchObject({ email: 'admin@localhost', role: 'admin' });

      // the next start finds a user: nothing is created or printed
      const again: string[] = [];
      expect(await announceFirstAdmin(t.app, config, (line) => again.push(line))).toBeNull();
      expect(again).toEqual([]);
      expect(await t.dataSource.query(`SELECT email, role FROM users`)).toEqual([{ email: 'admin@localhost', role: 'admin' }]);
    });

    it('is in the audit trail as created by the system, its password hidden', async () => {
      const entries = await t.dataSource.query(`SELECT user_id, action, entity_type, changes FROM audit`);
      expect(entries).toEqual([
        {
          user_id: null,
          action: 'create',
          entity_type: 'users',
          changes: expect.objectContaining({ email: [null, 'admin@localhost'], role: [null, 'admin'], password: [null, '***'] }),
        },
      ]);
      expect(JSON.stringify(entries)).not.toMatch(/argon2/);
    });
  });

  describe('with ADMIN_EMAIL and ADMIN_PASSWORD', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({ users: false });
    });
    afterAll(() => t.close());

    it('uses them, prints no password, and never overwrites an existing account', async () => {
      const printed: string[] = [];
      const admin = await announceFirstAdmin(t.app, { adminEmail: 'Chief@Example.org', adminPassword: 'chief-password' }, (line) =>
        printed.push(line),
      );
      expect(admin).toMatchObject({ email: 'chief@example.org' });
      expect(admin!.generatedPassword).toBeUndefined();
      expect(printed.join('\n')).not.toContain('chief-password');
      await t.http.post('/api/auth/login').send({ email: 'chief@example.org', password: 'chief-password' }).expect(200);

      // a later start with another ADMIN_PASSWORD (or ADMIN_EMAIL) changes nothing
      expect(
        await announceFirstAdmin(t.app, { adminEmail: 'chief@example.org', adminPassword: 'another-password' }, () => undefined),
      ).toBeNull();
      expect(
        await announceFirstAdmin(t.app, { adminEmail: 'new@example.org', adminPassword: 'another-password' }, () => undefined),
      ).toBeNull();
      await t.http.post('/api/auth/login').send({ email: 'chief@example.org', password: 'another-password' }).expect(401);
      await t.http.post('/api/auth/login').send({ email: 'chief@example.org', password: 'chief-password' }).expect(200);
      expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM users`))[0].n).toBe(1);
    });

    it('is created once when several instances start together', async () => {
      await t.dataSource.query(`DELETE FROM audit; DELETE FROM users`);
      const results = await Promise.all(
        [1, 2, 3].map(() => announceFirstAdmin(t.app, { adminEmail: 'admin@localhost', adminPassword: 'admin-password' }, () => undefined)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM users`))[0].n).toBe(1);
    });
  });
});
