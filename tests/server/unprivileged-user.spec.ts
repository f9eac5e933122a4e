import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exited, startServer } from '../utils/server-process';

/**
 * The server and its embedded PostgreSQL also run as an ordinary user. Run as root (as CI does),
 * the test starts the server as the unprivileged `postgres` account (the suite's embedded cluster
 * has created it); run as an ordinary user, the server runs as that user.
 */
describe('running as an ordinary user', () => {
  it('starts, migrates, seeds and stops cleanly without root', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'stance-user-')), 'data');
    let as: { uid: number; gid: number } | undefined;
    if (process.getuid?.() === 0) {
      as = {
        uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
        gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
      };
      chownSync(join(dataDir, '..'), as.uid, as.gid);
    }
    const server = await startServer(dataDir, { ADMIN_PASSWORD: 'admin-password' }, as);
    expect(await (await fetch(`${server.base}/api/health`)).json()).toEqual({ status: 'ok', db: 'up' });
    expect(server.output()).toMatch(/empty database seeded/);
    server.process.kill('SIGTERM');
    expect(await exited(server.process)).toBe(0);
  });
});
