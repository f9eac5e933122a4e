import type { QueryRunner } from 'typeorm';
import { checkDerivedData } from '../../apps/api/src/database/derived-data';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * A list page reads what a row shows from other tables (actor name and path, speaker, source,
 * event, topics, tags, stance targets) from `statement_labels`, which triggers keep current on
 * write (migration 1732600000000). `GET /:id` computes the same from the tables themselves, so
 * after every kind of write a list row must still be the statement as GET answers it.
 */
describe('statement list rows after writes to what they show', () => {
  let t: TestApp;
  const id: Record<string, string> = {};

  const editor = () => t.as('editor');
  const post = async (resource: string, key: string, body: Record<string, unknown>) => {
    const res = await editor().post(`/api/${resource}`).send(body);
    if (res.status !== 201) throw new Error(`${resource} ${key}: ${res.status} ${JSON.stringify(res.body)}`);
    id[key] = res.body.id;
    return res.body;
  };
  /** PUT of the stored record with `changes`, as react-admin sends it (read-only fields included). */
  const put = async (resource: string, key: string, changes: Record<string, unknown>) => {
    const current = (await editor().get(`/api/${resource}/${id[key]}`).expect(200)).body;
    const res = await editor()
      .put(`/api/${resource}/${id[key]}`)
      .send({ ...current, ...changes });
    if (res.status !== 200) throw new Error(`${resource} ${key}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const listRow = async (key: string, filter: Record<string, unknown> = {}) => {
    const res = await t
      .as('analyst')
      .get('/api/statements')
      .query({ filter: JSON.stringify({ id: [id[key]], ...filter }) })
      .expect(200);
    expect(res.body).toHaveLength(1);
    return res.body[0];
  };
  /** The list row equals GET, and is returned for further checks. */
  const current = async (key: string, filter: Record<string, unknown> = {}) => {
    const { relations: _, ...one } = (await t.as('analyst').get(`/api/statements/${id[key]}`).expect(200)).body;
    const row = await listRow(key, filter);
    expect(row).toEqual(one);
    return row;
  };

  beforeAll(async () => {
    t = await createTestApp();
    await post('actors', 'armenia', { slug: 'armenia', name: 'Armenia', kind: 'state' });
    await post('actors', 'gov', { slug: 'arm-gov', name: 'Government of Armenia', kind: 'government_body', parentId: id.armenia });
    await post('actors', 'mfa', { slug: 'arm-mfa', name: 'Armenian MFA', kind: 'government_body', parentId: id.gov });
    await post('actors', 'azerbaijan', { slug: 'azerbaijan', name: 'Azerbaijan', kind: 'state' });
    await post('actors', 'speaker', { slug: 'ani-badalyan', name: 'Ani Badalyan', kind: 'person' });
    await post('topics', 'ceasefire', { slug: 'ceasefire', name: 'Ceasefire' });
    await post('topics', 'corridor', { slug: 'corridor', name: 'Lachin corridor' });
    await post('tags', 'drones', { slug: 'drones', name: 'Drones' });
    await post('tags', 'shelling', { slug: 'shelling', name: 'Shelling' });
    await post('events', 'offensive', { name: 'September offensive', startDate: '2023-09-19', endDate: '2023-09-20' });
    await post('sources', 'source', { title: 'Armenia responds', outlet: 'Armenpress', lang: 'en', body: '…' });
    await post('statements', 's', {
      text: 'Armenia is not a party to the hostilities',
      lang: 'en',
      kind: 'paraphrase',
      actorId: id.mfa,
      speakerId: id.speaker,
      saidOn: '2023-09-19',
      sourceId: id.source,
      eventId: id.offensive,
      topicIds: [id.ceasefire],
      tagIds: [id.drones],
      stances: [
        { targetActorId: id.azerbaijan, value: -2 },
        { targetTopicId: id.corridor, value: 1 },
      ],
    });
  });
  afterAll(() => t.close());

  it('show what the statement was written with', async () => {
    expect(await current('s')).toMatchObject({
      actorName: 'Armenian MFA',
      actorPath: ['Armenia', 'Government of Armenia', 'Armenian MFA'],
      speakerName: 'Ani Badalyan',
      sourceOutlet: 'Armenpress',
      sourceTitle: 'Armenia responds',
      eventName: 'September offensive',
      topics: [{ id: id.ceasefire, name: 'Ceasefire' }],
      tags: [{ id: id.drones, name: 'Drones' }],
    });
  });

  it('follow edits of the statement: actor, speaker, source, event, topics, tags and stances', async () => {
    await put('statements', 's', {
      actorId: id.gov,
      speakerId: null,
      sourceId: null,
      eventId: null,
      topicIds: [id.corridor, id.ceasefire],
      tagIds: [id.shelling],
      stances: [{ targetActorId: id.armenia, value: 2 }],
    });
    expect(await current('s')).toMatchObject({
      actorPath: ['Armenia', 'Government of Armenia'],
      speakerName: null,
      sourceOutlet: null,
      eventName: null,
      topicIds: [id.ceasefire, id.corridor],
      tags: [{ id: id.shelling, name: 'Shelling' }],
      stances: [expect.objectContaining({ targetName: 'Armenia', value: 2 })],
    });
    await put('statements', 's', {
      actorId: id.mfa,
      speakerId: id.speaker,
      sourceId: id.source,
      eventId: id.offensive,
      stances: [
        { targetActorId: id.azerbaijan, value: -2 },
        { targetTopicId: id.corridor, value: 1 },
      ],
    });
    expect(await current('s')).toMatchObject({ actorName: 'Armenian MFA', speakerName: 'Ani Badalyan', eventName: 'September offensive' });
  });

  it('follow renames of every name they show', async () => {
    await put('actors', 'armenia', { name: 'Republic of Armenia' });
    await put('actors', 'mfa', { name: 'Ministry of Foreign Affairs' });
    await put('actors', 'speaker', { name: 'Ani Badalyan (spokesperson)' });
    await put('actors', 'azerbaijan', { name: 'Republic of Azerbaijan' });
    await put('topics', 'corridor', { name: 'Lachin road' });
    await put('topics', 'ceasefire', { name: 'Truce' });
    await put('tags', 'shelling', { name: 'Artillery' });
    await put('sources', 'source', { outlet: 'Armenpress news agency', title: 'Yerevan responds' });
    await put('events', 'offensive', { name: 'Azerbaijani offensive' });
    const row = await current('s');
    expect(row).toMatchObject({
      actorName: 'Ministry of Foreign Affairs',
      actorPath: ['Republic of Armenia', 'Government of Armenia', 'Ministry of Foreign Affairs'],
      speakerName: 'Ani Badalyan (spokesperson)',
      sourceOutlet: 'Armenpress news agency',
      sourceTitle: 'Yerevan responds',
      eventName: 'Azerbaijani offensive',
      topics: [
        { id: id.corridor, name: 'Lachin road' },
        { id: id.ceasefire, name: 'Truce' },
      ],
      tags: [{ id: id.shelling, name: 'Artillery' }],
    });
    expect(row.stances.map((stance: { targetName: string }) => stance.targetName)).toEqual(['Lachin road', 'Republic of Azerbaijan']);
  });

  it('follow an actor moved to another parent, for every statement below it', async () => {
    await put('actors', 'gov', { parentId: id.azerbaijan });
    expect((await current('s')).actorPath).toEqual(['Republic of Azerbaijan', 'Government of Armenia', 'Ministry of Foreign Affairs']);
    await put('actors', 'gov', { parentId: id.armenia });
    expect((await current('s')).actorPath).toEqual(['Republic of Armenia', 'Government of Armenia', 'Ministry of Foreign Affairs']);
  });

  it('stay current in the trash', async () => {
    await editor().delete(`/api/statements/${id.s}`).expect(200);
    await put('actors', 'mfa', { name: 'MFA of Armenia' });
    const row = await listRow('s', { deleted: true });
    expect(row.actorName).toBe('MFA of Armenia');
    expect(row.actorPath).toEqual(['Republic of Armenia', 'Government of Armenia', 'MFA of Armenia']);
    await editor().post(`/api/statements/${id.s}/restore`).expect(200);
    expect((await current('s')).actorName).toBe('MFA of Armenia');
  });

  it('are computed from the tables when a statement has no labels (a bulk load that skipped them)', async () => {
    await t.dataSource.query(`DELETE FROM statement_labels WHERE statement_id = $1`, [id.s]);
    expect((await current('s')).actorName).toBe('MFA of Armenia');
    await t.dataSource.query(`SELECT stance_rebuild_statement_labels()`);
    expect(await t.dataSource.query(`SELECT actor_name FROM statement_labels WHERE statement_id = $1`, [id.s])).toEqual([
      { actor_name: 'MFA of Armenia' },
    ]);
  });

  describe('with concurrent writers', () => {
    // Two transactions at once, each on its own connection (named for their role in the first two
    // cases): a tag renamed while a statement gets that tag, two link changes to one statement.
    // Without the labels locks, each would compute labels without the other's change, and the
    // statement would show the old name, or miss a tag, for good.
    let renamer: QueryRunner;
    let linker: QueryRunner;
    beforeEach(async () => {
      renamer = t.dataSource.createQueryRunner();
      linker = t.dataSource.createQueryRunner();
      await renamer.startTransaction();
      await linker.startTransaction();
    });
    afterEach(async () => {
      for (const runner of [renamer, linker]) {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        await runner.release();
      }
    });
    afterAll(async () => {
      // Whatever the races did, every derived structure still matches its sources (npm run db:check).
      expect(await checkDerivedData(t.dataSource)).toEqual([]);
    });
    const tagNames = async () =>
      (await t.dataSource.query(`SELECT tags FROM statement_labels WHERE statement_id = $1`, [id.s]))[0].tags.map(
        (tag: { name: string }) => tag.name,
      );
    /** Whether `promise` is still waiting after a moment. */
    const waiting = (promise: Promise<unknown>) =>
      Promise.race([promise.then(() => false), new Promise((resolve) => setTimeout(() => resolve(true), 300))]);

    it('a rename waits for a statement given the tag meanwhile, then relabels it', async () => {
      await linker.query(`INSERT INTO statement_tags (statement_id, tag_id) VALUES ($1, $2)`, [id.s, id.drones]);
      const rename = renamer.query(`UPDATE tags SET name = 'UAVs' WHERE id = $1`, [id.drones]);
      expect(await waiting(rename)).toBe(true);
      await linker.commitTransaction();
      await rename;
      await renamer.commitTransaction();
      expect(await tagNames()).toEqual(['Artillery', 'UAVs']);
      expect((await current('s')).tags.map((tag: { name: string }) => tag.name)).toEqual(['Artillery', 'UAVs']);
    });

    it('a statement given a tag being renamed waits, then shows the new name', async () => {
      await renamer.query(`UPDATE tags SET name = 'Drones' WHERE id = $1`, [id.drones]);
      const link = linker.query(`DELETE FROM statement_tags WHERE statement_id = $1 AND tag_id = $2`, [id.s, id.shelling]);
      expect(await waiting(link)).toBe(true);
      await renamer.commitTransaction();
      await link;
      await linker.commitTransaction();
      expect(await tagNames()).toEqual(['Drones']);
    });

    it('two writers of one statement take turns, and the later sees the earlier', async () => {
      await renamer.query(`INSERT INTO statement_tags (statement_id, tag_id) VALUES ($1, $2)`, [id.s, id.shelling]);
      const second = linker.query(`DELETE FROM statement_tags WHERE statement_id = $1 AND tag_id = $2`, [id.s, id.drones]);
      expect(await waiting(second)).toBe(true);
      await renamer.commitTransaction();
      await second;
      await linker.commitTransaction();
      expect(await tagNames()).toEqual(['Artillery']);
    });

    it("writers of other statements go on beside an open one (an editor's create during an import)", async () => {
      await linker.query(`INSERT INTO statement_tags (statement_id, tag_id) VALUES ($1, $2)`, [id.s, id.drones]);
      const created = await editor()
        .post('/api/statements')
        .send({
          text: 'Created while another write is open',
          lang: 'en',
          kind: 'paraphrase',
          actorId: id.gov,
          saidOn: '2023-09-20',
          tagIds: [id.drones],
        })
        .timeout(5000)
        .expect(201);
      id.other = created.body.id;
      expect((await current('other')).tags).toEqual([{ id: id.drones, name: 'Drones' }]);
      await linker.commitTransaction();
      expect(await tagNames()).toEqual(['Artillery', 'Drones']);
    });
  });
});
