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
