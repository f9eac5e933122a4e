import { createTestApp, TestApp } from '../utils/test-app';

describe('HTTP security: CORS, headers, body size', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers a preflight from an allowed origin, exposing Content-Range and Content-Disposition', async () => {
    const preflight = await t.http
      .options('/api/statements')
      .set('Origin', 'http://allowed.example')
      .set('Access-Control-Request-Method', 'PUT')
      .set('Access-Control-Request-Headers', 'authorization,content-type')
      .expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('http://allowed.example');
    expect(preflight.headers['access-control-allow-methods']).toContain('PUT');
    expect(preflight.headers['access-control-allow-headers']).toMatch(/authorization/i);

    const list = await t.as('analyst').get('/api/audit').set('Origin', 'http://allowed.example').expect(200);
    expect(list.headers['access-control-allow-origin']).toBe('http://allowed.example');
    expect(list.headers['access-control-expose-headers']).toMatch(/Content-Range/);
    expect(list.headers['access-control-expose-headers']).toMatch(/Content-Disposition/);
  });

  it('gives no CORS permission to another origin', async () => {
    const preflight = await t.http
      .options('/api/statements')
      .set('Origin', 'http://evil.example')
      .set('Access-Control-Request-Method', 'PUT')
      .set('Access-Control-Request-Headers', 'authorization');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const list = await t.as('analyst').get('/api/audit').set('Origin', 'http://evil.example');
    expect(list.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends security headers (helmet)', async () => {
    const response = await t.http.get('/api/health').expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('refuses a JSON body over 2 MB with 413 in the API error shape, and takes one under it', async () => {
    const huge = { email: 'x@test.local', password: 'x'.repeat(2.1 * 1024 * 1024) };
    const tooLarge = await t.http.post('/api/auth/login').send(huge).expect(413);
    expect(tooLarge.body).toEqual({ statusCode: 413, message: expect.any(String) });
    const large = await t
      .as('admin')
      .post('/api/users')
      .send({ email: 'big@test.local', role: 'analyst', password: 'long-enough', name: 'n'.repeat(300_000) });
    expect(large.status).toBe(400); // parsed (the 200-character name limit answers), not refused for size
    expect(large.body.errors).toHaveProperty('name');
  });

  it('answers malformed JSON with 400 in the API error shape', async () => {
    const response = await t.http.post('/api/auth/login').set('Content-Type', 'application/json').send('{"email":').expect(400);
    expect(response.body).toEqual({ statusCode: 400, message: expect.any(String) });
  });
});
