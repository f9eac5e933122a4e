import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '../../apps/api/src/bootstrap';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { EmbeddedDatabase, startEmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres';
import { announceFirstAdmin } from '../../apps/api/src/users/first-admin';
import { postmasterPid } from '../utils/server-process';

/** Issue 13, row 9: creates in flight when PostgreSQL dies answer 503 (retry), never 500. */
describe('writes in flight when PostgreSQL dies', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stance-kill-'));
  let db: EmbeddedDatabase | undefined;
  let app: INestApplication;

  beforeAll(async () => {
    db = await startEmbeddedPostgres(dir, { fast: true });
    app = await createApp(loadConfig({ LOG_LEVEL: 'error', ADMIN_PASSWORD: 'admin-password', DB_POOL_SIZE: '4' }), db.url);
    await app.init();
    await announceFirstAdmin(app, { adminEmail: 'admin@localhost', adminPassword: 'admin-password' }, () => undefined);
  });
  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await db?.stop().catch(() => undefined);
  });

  it('answers every create with 201 or 503, and 503 carries Retry-After and no details', async () => {
    const http = () => request(app.getHttpServer());
    const login = await http().post('/api/auth/login').send({ email: 'admin@localhost', password: 'admin-password' }).expect(200);
    const auth = `Bearer ${login.body.accessToken}`;
    const actor = await http()
      .post('/api/actors')
      .set('Authorization', auth)
      .send({ slug: 'armenia', kind: 'state', name: 'Armenia' })
      .expect(201);
    const create = (i: number) =>
      http()
        .post('/api/statements')
        .set('Authorization', auth)
        .send({ text: `Statement ${i}`, lang: 'en', kind: 'quote', actorId: actor.body.id, saidOn: '2024-05-01', topicIds: [] });
    await create(0).expect(201);

    const writes = Array.from({ length: 40 }, (_, i) => create(i + 1));
    const pid = postmasterPid(dir);
    // The first answers mean the rest are in flight, some inside their transactions.
    await Promise.race(writes);
    process.kill(pid, 'SIGKILL');
    const answers = await Promise.all(writes.map((w) => w.then((r) => r)));

    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);
    for (const answer of answers.filter((r) => r.status === 503)) {
      expect(answer.body).toEqual({ statusCode: 503, message: expect.any(String) });
      expect(answer.headers['retry-after']).toBeDefined();
    }
    db = undefined;
  });
});
