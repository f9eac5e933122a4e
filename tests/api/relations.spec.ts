import { createTestApp, TestApp } from '../utils/test-app';

describe('relations API', () => {
  let t: TestApp;
  let a: string;
  let b: string;
  let c: string;
  const editor = () => t.as('editor');
  const statement = async (text: string) => {
    const res = await editor()
      .post('/api/statements')
      .send({ text, lang: 'en', kind: 'quote', actorId: actor, saidOn: '2023-09-19' })
      .expect(201);
    return res.body.id as string;
  };
  let actor: string;

  beforeAll(async () => {
    t = await createTestApp();
    actor = (await editor().post('/api/actors').send({ slug: 'armenia', name: 'Armenia', kind: 'state' }).expect(201)).body.id;
    a = await statement('Azerbaijan started an offensive this morning');
    b = await statement('Armenia is not a party to the fighting');
    c = await statement('We call for an immediate ceasefire');
  });
  afterAll(() => t.close());

  it('creates relations with excerpts of both statements and shows them in both directions on a statement', async () => {
    const ab = await editor()
      .post('/api/relations')
      .send({ fromStatementId: b, toStatementId: a, type: 'responds_to', note: 'same day' })
      .expect(201);
    expect(ab.body).toMatchObject({
      fromStatementId: b,
      toStatementId: a,
      type: 'responds_to',
      note: 'same day',
      fromText: 'Armenia is not a party to the fighting',
      toText: 'Azerbaijan started an offensive this morning',
    });
    await editor().post('/api/relations').send({ fromStatementId: c, toStatementId: b, type: 'supports' }).expect(201);

    const got = await t.as('analyst').get(`/api/statements/${b}`).expect(200);
    expect(got.body.relations).toEqual([
      {
        id: ab.body.id,
        type: 'responds_to',
        direction: 'outgoing',
        otherStatementId: a,
        otherText: 'Azerbaijan started an offensive this morning',
        note: 'same day',
      },
      {
        id: expect.any(String),
        type: 'supports',
        direction: 'incoming',
        otherStatementId: c,
        otherText: 'We call for an immediate ceasefire',
        note: null,
      },
    ]);
  });

  it('filters by either end, by one end and by type', async () => {
    const ids = async (filter: object) =>
      (
        await t
          .as('analyst')
          .get('/api/relations')
          .query({ filter: JSON.stringify(filter) })
          .expect(200)
      ).body.map(
        (r: { fromStatementId: string; toStatementId: string }) =>
          `${r.fromStatementId === a ? 'a' : r.fromStatementId === b ? 'b' : 'c'}>${r.toStatementId === a ? 'a' : r.toStatementId === b ? 'b' : 'c'}`,
      );
    expect((await ids({ statementId: b })).sort()).toEqual(['b>a', 'c>b']);
    expect(await ids({ fromStatementId: b })).toEqual(['b>a']);
    expect(await ids({ toStatementId: b })).toEqual(['c>b']);
    expect(await ids({ type: 'supports' })).toEqual(['c>b']);
    expect(await ids({ statementId: a, type: 'supports' })).toEqual([]);
    await t.as('analyst').get('/api/relations').query({ filter: '{"type":"likes"}' }).expect(400);
  });

  it('refuses a statement related to itself and a missing statement, naming the field', async () => {
    const self = await editor().post('/api/relations').send({ fromStatementId: a, toStatementId: a, type: 'repeats' }).expect(400);
    expect(self.body.errors).toHaveProperty('toStatementId');
    const missing = await editor()
      .post('/api/relations')
      .send({ fromStatementId: '00000000-0000-0000-0000-000000000000', toStatementId: a, type: 'repeats' })
      .expect(400);
    expect(Object.keys(missing.body.errors)).toEqual(['fromStatementId']);
    const missingTo = await editor()
      .post('/api/relations')
      .send({ fromStatementId: a, toStatementId: '00000000-0000-0000-0000-000000000000', type: 'repeats' })
      .expect(400);
    expect(Object.keys(missingTo.body.errors)).toEqual(['toStatementId']);
    const badType = await editor().post('/api/relations').send({ fromStatementId: a, toStatementId: b, type: 'likes' }).expect(400);
    expect(Object.keys(badType.body.errors)).toEqual(['type']);
    await editor().post('/api/relations').send({ fromStatementId: b, toStatementId: a, type: 'responds_to' }).expect(409);
  });

  it('updates with the record sent back whole, and deletes', async () => {
    const created = (await editor().post('/api/relations').send({ fromStatementId: a, toStatementId: c, type: 'contradicts' }).expect(201))
      .body;
    const updated = await editor()
      .put(`/api/relations/${created.id}`)
      .send({ ...created, type: 'clarifies' })
      .expect(200);
    expect(updated.body).toMatchObject({ id: created.id, type: 'clarifies' });
    const self = await editor().put(`/api/relations/${created.id}`).send({ toStatementId: a }).expect(400);
    expect(self.body.errors).toHaveProperty('toStatementId');
    await editor().delete(`/api/relations/${created.id}`).expect(200);
    await t.as('analyst').get(`/api/relations/${created.id}`).expect(404);
    const audit = await t.dataSource.query(`SELECT action FROM audit WHERE entity_type = 'relations' AND entity_id = $1 ORDER BY at`, [
      created.id,
    ]);
    expect(audit.map((row: { action: string }) => row.action)).toEqual(['create', 'update', 'delete']);
  });

  it('hides the relations of a deleted statement until it is restored', async () => {
    await editor().delete(`/api/statements/${c}`).expect(200);
    const list = await t
      .as('analyst')
      .get('/api/relations')
      .query({ filter: JSON.stringify({ statementId: b }) })
      .expect(200);
    expect(list.body.map((r: { type: string }) => r.type)).toEqual(['responds_to']);
    expect((await t.as('analyst').get(`/api/statements/${b}`)).body.relations).toHaveLength(1);
    const refused = await editor().post('/api/relations').send({ fromStatementId: c, toStatementId: a, type: 'repeats' }).expect(400);
    expect(Object.keys(refused.body.errors)).toEqual(['fromStatementId']);
    await editor().post(`/api/statements/${c}/restore`).expect(200);
    expect((await t.as('analyst').get(`/api/statements/${b}`)).body.relations).toHaveLength(2);
  });
});
