import { loadConfig } from '../../apps/api/src/config/app-config';
import { createTestApp, TestApp } from '../utils/test-app';

describe('login rate limit', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_RATE_LIMIT: '3' } });
  });
  afterAll(() => t.close());

  const attempt = (email: string, password: string) => t.http.post('/api/auth/login').send({ email, password });

  it('answers 429 after LOGIN_RATE_LIMIT failed attempts a minute for one email, even with the right password', async () => {
    const victim = await t.createUser({ role: 'analyst', email: 'victim@test.local', password: 'right-password' });
    await attempt(victim.email, 'guess-1').expect(401);
    await attempt(victim.email, 'guess-2').expect(401);
    await attempt(victim.email, 'guess-3').expect(401);
    const limited = await attempt(victim.email, 'guess-4').expect(429);
    expect(limited.body).toEqual({ statusCode: 429, message: expect.stringMatching(/Too many failed sign-in attempts/) });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await attempt(victim.email, 'right-password').expect(429);
    await attempt(' VICTIM@test.local', 'right-password').expect(429);
  });

  it('never counts successful sign-ins, and a success clears earlier failures', async () => {
    for (let i = 0; i < 8; i++) await attempt('editor@test.local', 'editor-password').expect(200);
    await attempt('editor@test.local', 'wrong-1').expect(401);
    await attempt('editor@test.local', 'wrong-2').expect(401);
    await attempt('editor@test.local', 'editor-password').expect(200);
    await attempt('editor@test.local', 'wrong-3').expect(401);
    await attempt('editor@test.local', 'wrong-4').expect(401);
    await attempt('editor@test.local', 'editor-password').expect(200);
  });

  it('counts each email apart, so other users still sign in', async () => {
    await attempt('analyst@test.local', 'analyst-password').expect(200);
  });

  it('does not limit requests made with a token', async () => {
    for (let i = 0; i < 10; i++) await t.as('analyst').get('/api/auth/me').expect(200);
  });
});

describe('sign-in: one canonical email for lookup, uniqueness and the limits', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_RATE_LIMIT: '3', LOGIN_IP_RATE_LIMIT: '100' } });
  });
  afterAll(() => t.close());

  const attempt = (email: string, password: string) => t.http.post('/api/auth/login').send({ email, password });

  it('signs in with any spelling of the same canonical address, and counts them all as one', async () => {
    const user = await t.createUser({ role: 'analyst', email: 'nina@test.local', password: 'nina-password' });
    await attempt('ＮＩＮＡ@test.local', 'nina-password').expect(200); // full-width letters: NFKC makes them ASCII
    await attempt('NINA@TEST.LOCAL', 'wrong-1').expect(401);
    await attempt('ｎｉｎａ@test.local', 'wrong-2').expect(401);
    await attempt(' Nina@Test.Local ', 'wrong-3').expect(401);
    await attempt('nina@test.local', 'nina-password').expect(429);
    await attempt('ＮＩＮＡ@test.local', 'wrong-4').expect(429);
    expect(user.id).toBeDefined();
  });

  it('does not sign in with İ (U+0130) for i: that is another address, not the admin', async () => {
    await attempt('admİn@localhost', 'admin-password').expect(401);
    await attempt('ADMİN@LOCALHOST', 'admin-password').expect(401);
    await attempt('admin@localhost', 'admin-password').expect(200);
  });

  it('counts parallel attempts: no more than the limit get a 401', async () => {
    await t.createUser({ role: 'analyst', email: 'parallel@test.local', password: 'parallel-password' });
    const statuses = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt('parallel@test.local', `guess-${i}`)));
    const counts = statuses.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
    expect(counts).toEqual({ 401: 3, 429: 9 });
  });

  it('stores emails canonical and refuses a second account with the same canonical address', async () => {
    const created = await t
      .as('admin')
      .post('/api/users')
      .send({ email: ' Ｌena@Example.ORG ', role: 'editor', password: 'lena-password' });
    expect(created.status).toBe(201);
    expect(created.body.email).toBe('lena@example.org');
    const clash = await t.as('admin').post('/api/users').send({ email: 'LENA@example.org', role: 'editor', password: 'lena-password' });
    expect(clash.status).toBe(409);
    expect(clash.body.errors).toHaveProperty('email');
    await attempt('Lena@Example.org', 'lena-password').expect(200);
  });
});

describe('sign-in limit per address, across accounts (password spraying)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_RATE_LIMIT: '3', LOGIN_IP_RATE_LIMIT: '5' } });
  });
  afterAll(() => t.close());

  const attempt = (email: string, password: string) => t.http.post('/api/auth/login').send({ email, password });

  it('never counts successful sign-ins from an address', async () => {
    for (let i = 0; i < 8; i++) await attempt('editor@test.local', 'editor-password').expect(200);
  });

  it('answers 429 after LOGIN_IP_RATE_LIMIT failed attempts from one address, whatever the emails', async () => {
    for (let i = 0; i < 5; i++) await attempt(`user-${i}@test.local`, 'Spring2024!').expect(401);
    const limited = await attempt('analyst@test.local', 'analyst-password').expect(429);
    expect(limited.body.message).toMatch(/from this address/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await attempt('editor@test.local', 'editor-password').expect(429);
    // without TRUST_PROXY a client cannot pass for another address
    await attempt('editor@test.local', 'editor-password').set('X-Forwarded-For', '203.0.113.9').expect(429);
  });
});

describe('sign-in limit per address behind a proxy (TRUST_PROXY)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_RATE_LIMIT: '3', LOGIN_IP_RATE_LIMIT: '5', TRUST_PROXY: 'loopback' } });
  });
  afterAll(() => t.close());

  const from = (address: string, email: string, password: string) =>
    t.http.post('/api/auth/login').set('X-Forwarded-For', address).send({ email, password });

  it('counts each forwarded client address apart', async () => {
    for (let i = 0; i < 5; i++) await from('203.0.113.1', `user-${i}@test.local`, 'Spring2024!').expect(401);
    await from('203.0.113.1', 'editor@test.local', 'editor-password').expect(429);
    await from('203.0.113.2', 'editor@test.local', 'editor-password').expect(200);
  });

  it('refuses TRUST_PROXY=true, which would trust whatever a client claims', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
  });
});
