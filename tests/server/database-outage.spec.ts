import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '../../apps/api/src/bootstrap';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { EmbeddedDatabase, startEmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres';
import { announceFirstAdmin } from '../../apps/api/src/users/first-admin';

/** PostgreSQL stops under the running API: requests answer 503 quickly, and the API recovers by itself. */
describe('database outage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stance-outage-'));
  let db: EmbeddedDatabase;
  let port: number;
  let app: INestApplication;
  let token: string;

  beforeAll(async () => {
    db = await startEmbeddedPostgres(dir, { fast: true });
    port = Number(new URL(db.url).port);
    app = await createApp(loadConfig({ LOG_LEVEL: 'error', ADMIN_PASSWORD: 'admin-password', DB_POOL_SIZE: '4' }), db.url);
    await app.init();
    await announceFirstAdmin(app, { adminEmail: 'admin@localhost', adminPassword: 'admin-password' }, () => undefined);
    const login = await request(app.getHttpServer()).post('/api/auth/login').send({ email: 'admin@localhost', password: 'admin-password' });
    token = login.body.accessToken;
    await request(app.getHttpServer())
      .post('/api/tags')
      .set('Authorization', `Bearer ${token}`)
      .send({ slug: 'before-outage', name: 'Before' })
      .expect(201);
  });
  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await db?.stop();
  });

  it('answers 503 during the outage, without hanging, and recovers when PostgreSQL is back', async () => {
    const http = () => request(app.getHttpServer());
    await http().get('/api/health').expect(200);
    await db.stop();

    const started = Date.now();
    const health = await http().get('/api/health');
    expect(health.status).toBe(503);
    const list = await http().get('/api/tags').set('Authorization', `Bearer ${token}`);
    expect(list.status).toBe(503);
    expect(list.body).toEqual({ statusCode: 503, message: 'database unavailable' });
    expect(list.headers['retry-after']).toBe('2');
    expect(Date.now() - started).toBeLessThan(15_000);

    db = await startEmbeddedPostgres(dir, { fast: true, port });
    let recovered = 0;
    for (let i = 0; i < 50 && recovered !== 200; i++) {
      recovered = (await http().get('/api/health')).status;
      if (recovered !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(recovered).toBe(200);
    const tags = await http().get('/api/tags').set('Authorization', `Bearer ${token}`).expect(200);
    expect(tags.body.map((tag: { slug: string }) => tag.slug)).toContain('before-outage');
  });
});
