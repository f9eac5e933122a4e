import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { checkDerivedData, DERIVED_DATA, formatDifferences } from '../../apps/api/src/database/derived-data';
import { createTestApp, TestApp } from '../utils/test-app';

const CLI = join(__dirname, '../../dist/apps/api/src/cli.js');

/** `npm run db:check` on the test database: exit code and output. */
async function dbCheck(url: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, 'db:check'], {
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'error' },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe('consistency check of derived data (db:check)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ seed: true });
  });
  afterAll(() => t?.close());

  it('finds nothing on a seeded database, and the command says so and exits 0', async () => {
    expect(await checkDerivedData(t.dataSource)).toEqual([]);
    const { code, output } = await dbCheck(t.db.url);
    expect(output).toContain('derived data consistent: actors.path, topics hierarchy, statement_labels');
    expect(code).toBe(0);
  });

  it('lists every difference by structure, and the rebuilds of the registry repair what they can', async () => {
    const [statement] = await t.dataSource.query(
      `SELECT s.id, s.actor_id FROM statements s JOIN stances st ON st.statement_id = s.id WHERE s.deleted_at IS NULL LIMIT 1`,
    );
    const [child] = await t.dataSource.query(`SELECT id FROM actors WHERE parent_id IS NOT NULL LIMIT 1`);
    const [a, b] = await t.dataSource.query(`SELECT id FROM topics ORDER BY id LIMIT 2`);
    await t.dataSource.transaction(async (db) => {
      // Writes that bypass the triggers, as a bulk load or a hand edit would.
      await db.query(`SET LOCAL session_replication_role = replica`);
      await db.query(`UPDATE statement_labels SET actor_name = 'stale name' WHERE statement_id = $1`, [statement.id]);
      await db.query(`UPDATE position_totals SET published_n = published_n + 1 WHERE actor_id = $1`, [statement.actor_id]);
      await db.query(`DELETE FROM position_months WHERE actor_id = $1`, [statement.actor_id]);
      await db.query(`UPDATE actors SET path = ARRAY[id] WHERE id = $1`, [child.id]);
      await db.query(`UPDATE topics SET parent_id = $1 WHERE id = $2`, [a.id, b.id]);
      await db.query(`UPDATE topics SET parent_id = $1 WHERE id = $2`, [b.id, a.id]);
      await db.query(`DELETE FROM statement_generation WHERE slot = 7`);
    });
    await t.dataSource.query(`ALTER TABLE stances DISABLE TRIGGER stances_generation`);

    const found = await checkDerivedData(t.dataSource);
    const by = (structure: string) => found.filter((difference) => difference.structure === structure);
    expect(by('actors.path')).toEqual([expect.objectContaining({ key: expect.stringContaining(child.id) })]);
    expect(by('actors.path')[0].problem).toMatch(/^stored path .*, from its parents /);
    expect(by('topics hierarchy').map((difference) => difference.problem)).toEqual([
      'in a parent cycle: no path from a root',
      'in a parent cycle: no path from a root',
    ]);
    expect(by('statement_labels')).toContainEqual({
      structure: 'statement_labels',
      key: `labels of statement ${statement.id}`,
      problem: 'differs in actor_name',
    });
    expect(by('position_months').length).toBeGreaterThan(0);
    expect(by('position_months').every((difference) => difference.problem === 'missing')).toBe(true);
    expect(by('position_totals').some((difference) => difference.problem.startsWith('differs in published_n'))).toBe(true);
    expect(by('statement_generation')).toEqual([
      { structure: 'statement_generation', key: 'trigger stances.stances_generation', problem: 'missing or disabled' },
      { structure: 'statement_generation', key: 'generation slot 7', problem: 'missing' },
    ]);

    const { code, output } = await dbCheck(t.db.url);
    expect(code).toBe(1);
    expect(output).toContain(`labels of statement ${statement.id}: differs in actor_name`);
    expect(output).toContain('rebuild: SELECT stance_positions_rebuild()');
    expect(output).toBe(`${formatDifferences(found)}\n`);

    await t.dataSource.query(`ALTER TABLE stances ENABLE TRIGGER stances_generation`);
    await t.dataSource.query(`INSERT INTO statement_generation (slot) VALUES (7)`);
    await t.dataSource.query(`UPDATE topics SET parent_id = NULL WHERE id = $1`, [a.id]);
    for (const entry of DERIVED_DATA) if (entry.rebuild) await t.dataSource.query(entry.rebuild);
    expect(await checkDerivedData(t.dataSource)).toEqual([]);
  });
});
