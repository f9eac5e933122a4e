import { Client } from 'pg';
import { checkDerivedData } from '../../apps/api/src/database/derived-data';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * Two editors move parts of one hierarchy at the same time. Each round starts the moves together;
 * without turns, a move computed its paths (or looked for a cycle) from the hierarchy as it was
 * before the other committed.
 */
describe('concurrent hierarchy moves', () => {
  let t: TestApp;
  let n = 0;
  const ROUNDS = 8;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    // Whatever the races did, every derived structure still matches its sources.
    if (t) expect(await checkDerivedData(t.dataSource)).toEqual([]);
    await t?.close();
  });

  const actor = async (extra: Record<string, unknown> = {}): Promise<string> => {
    n++;
    const res = await t
      .as('editor')
      .post('/api/actors')
      .send({ slug: `actor-${n}`, name: `Actor ${n}`, kind: 'government_body', ...extra })
      .expect(201);
    return res.body.id as string;
  };
  const topic = async (): Promise<string> => {
    n++;
    return (
      await t
        .as('editor')
        .post('/api/topics')
        .send({ slug: `topic-${n}`, name: `Topic ${n}` })
        .expect(201)
    ).body.id as string;
  };
  const move = (resource: 'actors' | 'topics', id: string, parentId: string | null) =>
    t.as('editor').put(`/api/${resource}/${id}`).send({ parentId });
  const storedPath = async (id: string): Promise<string[]> =>
    ((await t.dataSource.query(`SELECT path FROM actors WHERE id = $1`, [id])) as { path: string[] }[])[0].path;

  it('X under P and P under Q at once: both succeed and X ends up under Q, its statements with it', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [x, p, q] = [await actor(), await actor(), await actor()];
      const statement = await t
        .as('editor')
        .post('/api/statements')
        .send({ text: `Said in round ${round}`, lang: 'en', kind: 'quote', actorId: x, saidOn: '2024-01-01', status: 'published' })
        .expect(201);
      const [first, second] = await Promise.all([move('actors', x, p), move('actors', p, q)]);
      expect([first.status, second.status]).toEqual([200, 200]);

      expect(await storedPath(x)).toEqual([q, p, x]);
      const underQ = await t
        .as('analyst')
        .get('/api/statements')
        .query({ filter: JSON.stringify({ actorId: q }) })
        .expect(200);
      expect(underQ.body.map((s: { id: string }) => s.id)).toEqual([statement.body.id]);
      expect(underQ.body[0].actorPath).toEqual([`Actor ${n}`, `Actor ${n - 1}`, `Actor ${n - 2}`]);
    }
  });

  it('three crossing actor moves never close a cycle', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [a, b, c] = [await actor(), await actor(), await actor()];
      const statuses = (await Promise.all([move('actors', a, b), move('actors', b, c), move('actors', c, a)])).map((r) => r.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(2);
      expect(statuses.filter((status) => status !== 200).every((status) => status === 409 || status === 400)).toBe(true);
      const cycles = await t.dataSource.query(
        `SELECT id FROM actors WHERE id = ANY ($1::uuid[]) AND NOT EXISTS (SELECT 1 FROM stance_expected_actor_paths() e WHERE e.id = actors.id)`,
        [[a, b, c]],
      );
      expect(cycles).toEqual([]);
    }
  });

  it('three crossing topic moves never close a cycle', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [a, b, c] = [await topic(), await topic(), await topic()];
      const statuses = (await Promise.all([move('topics', a, b), move('topics', b, c), move('topics', c, a)])).map((r) => r.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(2);
      const cycles = await t.dataSource.query(
        `SELECT id FROM topics WHERE id = ANY ($1::uuid[]) AND NOT EXISTS (SELECT 1 FROM stance_expected_topic_paths() e WHERE e.id = topics.id)`,
        [[a, b, c]],
      );
      expect(cycles).toEqual([]);
    }
  });

  describe.each(['actors', 'topics'] as const)('%s: a move that a concurrent move turns into a cycle', (resource) => {
    it('answers 409 naming parentId and changes nothing; the same move asked afterwards is a 400', async () => {
      const create = resource === 'actors' ? actor : topic;
      const [a, b] = [await create(), await create()];
      // Another editor's move of B under A, in flight.
      const other = new Client({ connectionString: t.db.url });
      await other.connect();
      try {
        await other.query('BEGIN');
        await other.query(`UPDATE ${resource} SET parent_id = $1 WHERE id = $2`, [a, b]);
        const mine = move(resource, a, b).then((response) => response);
        // Mine waits for its turn behind the other move.
        for (let i = 0; i < 200; i++) {
          const { rows } = await other.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'advisory'`,
          );
          if (rows[0].n > 0) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await other.query('COMMIT');
        const res = await mine;
        expect(res.status).toBe(409);
        expect(res.body.errors).toHaveProperty('parentId');
      } finally {
        await other.end();
      }
      const [row] = await t.dataSource.query(`SELECT parent_id FROM ${resource} WHERE id = $1`, [a]);
      expect(row.parent_id).toBeNull();
      const again = await move(resource, a, b).expect(400);
      expect(again.body.errors).toHaveProperty('parentId');
    });
  });
});
