import { createHmac } from 'node:crypto';
import { createApp } from '../../apps/api/src/bootstrap';
import { loadConfig } from '../../apps/api/src/config/app-config';
import request from 'supertest';
import { createTestApp, TestApp } from '../utils/test-app';

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT signed by hand, to forge what the library would never produce. */
function forge(header: object, payload: object, key?: string): string {
  const unsigned = `${base64url(header)}.${base64url(payload)}`;
  const algorithm = { HS256: 'sha256', HS512: 'sha512' }[(header as { alg: string }).alg];
  const signature = key && algorithm ? createHmac(algorithm, key).update(unsigned).digest('base64url') : '';
  return `${unsigned}.${signature}`;
}

const now = () => Math.floor(Date.now() / 1000);

describe('sign-in and bearer tokens', () => {
  let t: TestApp;
  let secret: string;

  beforeAll(async () => {
    t = await createTestApp();
    [{ value: secret }] = await t.dataSource.query(`SELECT value FROM settings WHERE key = 'jwt_secret'`);
  });
  afterAll(() => t.close());

  it('signs in with email and password: a token and the user, never the password', async () => {
    const response = await t.http.post('/api/auth/login').send({ email: 'editor@test.local', password: 'editor-password' }).expect(200);
    expect(response.body).toEqual({
      accessToken: expect.any(String),
      user: { id: t.users.editor.id, email: 'editor@test.local', name: 'Test editor', role: 'editor' },
    });
    const me = await t.withToken(response.body.accessToken).get('/api/auth/me').expect(200);
    expect(me.body).toEqual(response.body.user);
  });

  it('takes the email in any case and with surrounding blanks', async () => {
    await t.http.post('/api/auth/login').send({ email: '  Editor@Test.LOCAL ', password: 'editor-password' }).expect(200);
  });

  it('answers a wrong password, an unknown email and a disabled account with the same 401', async () => {
    const disabled = await t.createUser({ role: 'editor', email: 'gone@test.local', password: 'gone-password', disabled: true });
    const attempts = [
      { email: 'editor@test.local', password: 'wrong-password' },
      { email: 'nobody@test.local', password: 'editor-password' },
      { email: disabled.email, password: 'gone-password' },
    ];
    for (const attempt of attempts) {
      const response = await t.http.post('/api/auth/login').send(attempt).expect(401);
      expect(response.body).toEqual({ statusCode: 401, message: 'Wrong email or password' });
    }
  });

  it('refuses a login without email or password with 400 naming the field', async () => {
    const response = await t.http.post('/api/auth/login').send({ email: 'editor@test.local' }).expect(400);
    expect(Object.keys(response.body.errors)).toEqual(['password']);
  });

  it('stores passwords as argon2id hashes', async () => {
    const [{ password_hash }] = await t.dataSource.query(`SELECT password_hash FROM users WHERE email = 'editor@test.local'`);
    expect(password_hash).toMatch(/^\$argon2id\$/);
    expect(password_hash).not.toContain('editor-password');
  });

  it('refuses a request without a token, with a malformed header, or with a garbage token', async () => {
    await t.http.get('/api/auth/me').expect(401).expect('WWW-Authenticate', 'Bearer');
    await t.http.get('/api/auth/me').set('Authorization', t.tokenFor('admin')).expect(401);
    await t.http
      .get('/api/auth/me')
      .set('Authorization', `Basic ${Buffer.from('admin@localhost:admin-password').toString('base64')}`)
      .expect(401);
    await t.withToken('garbage').get('/api/auth/me').expect(401);
    await t.withToken('a.b.c').get('/api/auth/me').expect(401);
  });

  it('refuses expired tokens, alg none, other algorithms, other keys and older passwords', async () => {
    const HS256 = { alg: 'HS256', typ: 'JWT' };
    // every forged token below is valid but for one defect
    const { pwd, gen } = JSON.parse(Buffer.from(t.tokenFor('admin').split('.')[1], 'base64url').toString());
    const claims = (changes: object = {}) => ({ sub: t.users.admin.id, pwd, gen, iat: now(), exp: now() + 60, ...changes });
    const valid = forge(HS256, claims(), secret);
    await t.withToken(valid).get('/api/auth/me').expect(200);

    const tokens = {
      expired: forge(HS256, claims({ iat: now() - 120, exp: now() - 60 }), secret),
      algNone: forge({ alg: 'none', typ: 'JWT' }, claims()),
      hs512: forge({ alg: 'HS512', typ: 'JWT' }, claims(), secret),
      otherKey: forge(HS256, claims(), 'another-key-that-is-long-enough-to-look-real'),
      tamperedPayload: `${valid.split('.')[0]}.${base64url(claims({ sub: t.users.editor.id }))}.${valid.split('.')[2]}`,
      unknownUser: forge(HS256, claims({ sub: '00000000-0000-4000-8000-000000000000' }), secret),
      noSubject: forge(HS256, claims({ sub: undefined }), secret),
      olderPassword: forge(HS256, claims({ pwd: 'AAAAAAAAAAAAAAAA' }), secret),
      noPasswordClaim: forge(HS256, claims({ pwd: undefined }), secret),
      noExpiry: forge(HS256, claims({ exp: undefined }), secret),
      olderGeneration: forge(HS256, claims({ gen: gen - 1 }), secret),
      noGeneration: forge(HS256, claims({ gen: undefined }), secret),
    };
    for (const [name, token] of Object.entries(tokens)) {
      const response = await t.withToken(token).get('/api/auth/me');
      expect([name, response.status]).toEqual([name, 401]);
    }
  });

  it('issues tokens that expire after JWT_EXPIRES_IN (12h by default)', async () => {
    const [, payload] = t.tokenFor('analyst').split('.');
    const { iat, exp, sub } = JSON.parse(Buffer.from(payload, 'base64url').toString());
    expect(sub).toBe(t.users.analyst.id);
    expect(exp - iat).toBe(12 * 3600);
  });

  it('refuses a disabled user at once, even with a token issued before, and for good once enabled again', async () => {
    const user = await t.createUser({ role: 'editor' });
    await t.withToken(user.token).get('/api/auth/me').expect(200);
    await t.as('admin').delete(`/api/users/${user.id}`).expect(200);
    await t.withToken(user.token).get('/api/auth/me').expect(401);
    await t.as('admin').put(`/api/users/${user.id}`).send({ disabled: false }).expect(200);
    await t.withToken(user.token).get('/api/auth/me').expect(401);
    await t.withToken(user.token).get('/api/statements').expect(401);
    const again = await t.login(user.email, user.password);
    await t.withToken(again).get('/api/auth/me').expect(200);
    // disabled another way than through the API: the tokens go all the same
    await t.dataSource.query(`UPDATE users SET disabled = true WHERE id = $1`, [user.id]);
    await t.dataSource.query(`UPDATE users SET disabled = false WHERE id = $1`, [user.id]);
    await t.withToken(again).get('/api/auth/me').expect(401);
  });

  it('revokes the tokens issued before a password change', async () => {
    const user = await t.createUser({ role: 'analyst', password: 'old-password' });
    await t.as('admin').put(`/api/users/${user.id}`).send({ password: 'new-password' }).expect(200);
    await t.withToken(user.token).get('/api/auth/me').expect(401);
    await t
      .withToken(await t.login(user.email, 'new-password'))
      .get('/api/auth/me')
      .expect(200);
  });

  it('applies a role change at once, to tokens issued before', async () => {
    const user = await t.createUser({ role: 'editor' });
    await t.withToken(user.token).get('/api/users').expect(403);
    await t.as('admin').put(`/api/users/${user.id}`).send({ role: 'admin' }).expect(200);
    await t.withToken(user.token).get('/api/users').expect(200);
    expect((await t.withToken(user.token).get('/api/auth/me')).body.role).toBe('admin');
  });

  it('leaves health, login and the API docs public', async () => {
    await t.http.get('/api/health').expect(200, { status: 'ok', db: 'up' });
    await t.http.get('/api/docs-json').expect(200);
    await t.http.get('/api/docs').redirects(1).expect(200);
  });

  it('documents bearer authentication in the OpenAPI document', async () => {
    const { body } = await t.http.get('/api/docs-json').expect(200);
    expect(body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(body.paths['/api/auth/login'].post).toBeDefined();
  });

  it('keeps the generated signing key in settings, so another instance accepts the tokens', async () => {
    expect(secret.length).toBeGreaterThanOrEqual(32);
    const other = await createApp(loadConfig({ LOG_LEVEL: 'error' }), t.db.url);
    await other.init();
    try {
      await request(other.getHttpServer())
        .get('/api/auth/me')
        .set('Authorization', `Bearer ${t.tokenFor('editor')}`)
        .expect(200);
      const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM settings WHERE key = 'jwt_secret'`);
      expect(count).toBe(1);
    } finally {
      await other.close();
    }
  });
});

describe('tokens with JWT_SECRET and JWT_EXPIRES_IN', () => {
  const JWT_SECRET = 'a-configured-secret-of-at-least-32-characters';
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { JWT_SECRET, JWT_EXPIRES_IN: '30m' } });
  });
  afterAll(() => t.close());

  it('signs with JWT_SECRET (nothing stored) for the configured lifetime', async () => {
    const [header, payload, signature] = t.tokenFor('editor').split('.');
    expect(createHmac('sha256', JWT_SECRET).update(`${header}.${payload}`).digest('base64url')).toBe(signature);
    expect(JSON.parse(Buffer.from(header, 'base64url').toString()).alg).toBe('HS256');
    const { iat, exp } = JSON.parse(Buffer.from(payload, 'base64url').toString());
    expect(exp - iat).toBe(30 * 60);
    expect(await t.dataSource.query(`SELECT 1 FROM settings WHERE key = 'jwt_secret'`)).toEqual([]);
  });

  it('deletes a signing key left in the database, so that the database holds none', async () => {
    await t.dataSource.query(`INSERT INTO settings (key, value) VALUES ('jwt_secret', 'a-key-generated-before-JWT_SECRET-was-set')`);
    const other = await createApp(loadConfig({ LOG_LEVEL: 'error', JWT_SECRET }), t.db.url);
    await other.init();
    try {
      expect(await t.dataSource.query(`SELECT 1 FROM settings WHERE key = 'jwt_secret'`)).toEqual([]);
      await request(other.getHttpServer())
        .get('/api/auth/me')
        .set('Authorization', `Bearer ${t.tokenFor('editor')}`)
        .expect(200);
    } finally {
      await other.close();
    }
  });

  it('refuses an invalid JWT_EXPIRES_IN or LOGIN_RATE_LIMIT at start', () => {
    expect(() => loadConfig({ JWT_EXPIRES_IN: 'soon' })).toThrow(/JWT_EXPIRES_IN/);
    expect(() => loadConfig({ LOGIN_RATE_LIMIT: '0' })).toThrow(/LOGIN_RATE_LIMIT/);
    expect(() => loadConfig({ LOGIN_IP_RATE_LIMIT: 'many' })).toThrow(/LOGIN_IP_RATE_LIMIT/);
    expect(loadConfig({ JWT_EXPIRES_IN: '3600' }).jwtExpiresIn).toBe(3600);
  });
});
