import { createTestApp, TestApp } from '../utils/test-app';

/**
 * Four statements around the September 2023 offensive, in Arabic, English and Turkish, spoken for
 * actors at different depths of two hierarchies, with stances toward actors and a topic.
 */
describe('statements API', () => {
  let t: TestApp;
  const id: Record<string, string> = {};
  const s: Record<string, Record<string, unknown>> = {};

  const editor = () => t.as('editor');
  const post = async (resource: string, key: string, body: Record<string, unknown>) => {
    const res = await editor().post(`/api/${resource}`).send(body);
    if (res.status !== 201) throw new Error(`${resource} ${key}: ${res.status} ${JSON.stringify(res.body)}`);
    id[key] = res.body.id;
    return res.body;
  };
  const list = (filter: object, query: Record<string, string> = {}) =>
    t
      .as('analyst')
      .get('/api/statements')
      .query({ filter: JSON.stringify(filter), ...query });
  const keysOf = (rows: { id: string }[]) => rows.map((row) => Object.keys(s).find((key) => s[key].id === row.id) ?? row.id);
  const found = async (filter: object, query: Record<string, string> = {}) => {
    const res = await list(filter, query);
    if (res.status !== 200) throw new Error(`${JSON.stringify(filter)}: ${res.status} ${JSON.stringify(res.body)}`);
    return keysOf(res.body).sort();
  };

  beforeAll(async () => {
    t = await createTestApp();
    await post('actors', 'armenia', { slug: 'armenia', name: 'Armenia', names: { ar: 'أرمينيا' }, kind: 'state' });
    await post('actors', 'arm-gov', { slug: 'arm-gov', name: 'Government of Armenia', kind: 'government_body', parentId: id.armenia });
    await post('actors', 'arm-mfa', { slug: 'arm-mfa', name: 'Armenian MFA', kind: 'government_body', parentId: id['arm-gov'] });
    await post('actors', 'azerbaijan', { slug: 'azerbaijan', name: 'Azerbaijan', kind: 'state' });
    await post('actors', 'az-mod', { slug: 'az-mod', name: 'Ministry of Defence', kind: 'government_body', parentId: id.azerbaijan });
    await post('actors', 'pashinyan', {
      slug: 'nikol-pashinyan',
      name: 'Nikol Pashinyan',
      kind: 'person',
      roles: [{ actorId: id['arm-gov'], title: 'Prime Minister', from: '2018-05-08', to: null }],
    });
    await post('actors', 'hajiyev', {
      slug: 'hikmet-hajiyev',
      name: 'Hikmet Hajiyev',
      kind: 'person',
      roles: [
        { actorId: id['az-mod'], title: 'Spokesman', from: '2010-01-01', to: '2012-12-31' },
        { actorId: id.azerbaijan, title: 'Assistant to the President', from: '2019-01-01', to: null },
      ],
    });
    await post('topics', 'ceasefire', { slug: 'ceasefire', name: 'Ceasefire' });
    await post('tags', 'drones', { slug: 'drones', name: 'Drones' });
    await post('tags', 'shelling', { slug: 'shelling', name: 'Shelling' });
    await post('events', 'offensive', { name: 'September 2023 offensive', startDate: '2023-09-19', endDate: '2023-09-20' });
    await post('sources', 'aljazeera', { title: 'Azerbaijan launches operation', outlet: 'Al Jazeera', lang: 'ar', body: 'Full text…' });

    s.s1 = await post('statements', 's1', {
      text: 'أعلنت أذربيجان سيطرتها على المواقع',
      lang: 'ar',
      translations: { en: 'Azerbaijan announced it controls the positions' },
      kind: 'quote',
      channel: 'social_media',
      speakerId: id.hajiyev,
      saidOn: '2023-09-19',
      sourceId: id.aljazeera,
      eventId: id.offensive,
      topicIds: [id.ceasefire],
      tagIds: [id.drones],
      stances: [{ targetActorId: id.armenia, value: -2 }],
      status: 'published',
    });
    s.s2 = await post('statements', 's2', {
      text: 'Armenian forces are not involved in the fighting',
      lang: 'en',
      kind: 'paraphrase',
      speakerId: id.pashinyan,
      saidOn: '2023-09-20',
      topicIds: [id.ceasefire],
      tagIds: [id.shelling],
      stances: [
        { targetActorId: id.azerbaijan, value: -1 },
        { targetTopicId: id.ceasefire, value: 2 },
      ],
    });
    s.s3 = await post('statements', 's3', {
      text: 'The ministry reports shelling near Martuni',
      lang: 'en',
      kind: 'quote',
      actorId: id['arm-mfa'],
      saidOn: '2023-09-21',
      stances: [{ targetActorId: id['az-mod'], value: -2 }],
      status: 'published',
    });
    s.s4 = await post('statements', 's4', {
      text: 'Karabağ bir Azerbaycan toprağıdır',
      lang: 'tr',
      kind: 'quote',
      actorId: id['az-mod'],
      saidOn: '2023-10-01',
      stances: [{ targetActorId: id.armenia, value: 0 }],
      status: 'published',
    });
  });
  afterAll(() => t.close());

  describe('writing', () => {
    it('returns the stored statement with its links, names and the actor from the speaker’s role', () => {
      expect(s.s1).toMatchObject({
        actorId: id.azerbaijan,
        actorName: 'Azerbaijan',
        actorPath: ['Azerbaijan'],
        speakerId: id.hajiyev,
        speakerName: 'Hikmet Hajiyev',
        sourceOutlet: 'Al Jazeera',
        sourceTitle: 'Azerbaijan launches operation',
        eventName: 'September 2023 offensive',
        topicIds: [id.ceasefire],
        topics: [{ id: id.ceasefire, name: 'Ceasefire' }],
        tagIds: [id.drones],
        tags: [{ id: id.drones, name: 'Drones' }],
        stances: [{ targetActorId: id.armenia, targetTopicId: null, targetType: 'actor', targetName: 'Armenia', value: -2 }],
        translations: { en: 'Azerbaijan announced it controls the positions' },
        status: 'published',
        version: 1,
        relations: [],
        deletedAt: null,
      });
      expect(s.s2).toMatchObject({ actorId: id['arm-gov'], actorPath: ['Armenia', 'Government of Armenia'], status: 'draft' });
    });

    it('lists rows with the same shape as GET, without relations', async () => {
      const res = await list({ id: [s.s1.id] }).expect(200);
      const { relations: _, ...row } = s.s1;
      expect(res.body).toEqual([row]);
    });

    it('refuses a statement whose speaker held no role on saidOn and that names no actor', async () => {
      const res = await editor()
        .post('/api/statements')
        .send({ text: 'x', lang: 'en', kind: 'quote', speakerId: id.hajiyev, saidOn: '2015-06-01' })
        .expect(400);
      expect(Object.keys(res.body.errors)).toEqual(['actorId']);
      const none = await editor().post('/api/statements').send({ text: 'x', lang: 'en', kind: 'quote', saidOn: '2015-06-01' }).expect(400);
      expect(Object.keys(none.body.errors)).toEqual(['actorId']);
      // the role valid on the date counts: in 2011 he spoke for the ministry
      const old = await editor()
        .post('/api/statements')
        .send({ text: 'x', lang: 'en', kind: 'quote', speakerId: id.hajiyev, saidOn: '2011-06-01' })
        .expect(201);
      expect(old.body.actorId).toBe(id['az-mod']);
      await editor().delete(`/api/statements/${old.body.id}`).expect(200);
    });

    it.each([
      ['a stance value out of range', { stances: [{ targetActorId: 'A', value: 3 }] }, 'stances.0.value'],
      ['a fractional stance value', { stances: [{ targetActorId: 'A', value: 1.5 }] }, 'stances.0.value'],
      ['a stance with two targets', { stances: [{ targetActorId: 'A', targetTopicId: 'T', value: 1 }] }, 'stances.0.targetActorId'],
      ['a stance without target', { stances: [{ value: 1 }] }, 'stances.0.targetActorId'],
      [
        'two stances on one target',
        {
          stances: [
            { targetActorId: 'A', value: 1 },
            { targetActorId: 'A', value: 2 },
          ],
        },
        'stances.1.targetActorId',
      ],
      [
        'an unknown stance target',
        { stances: [{ targetActorId: '00000000-0000-0000-0000-000000000000', value: 1 }] },
        'stances.0.targetActorId',
      ],
      ['an unknown topic', { topicIds: ['00000000-0000-0000-0000-000000000000'] }, 'topicIds'],
      ['an unknown tag', { tagIds: ['00000000-0000-0000-0000-000000000000'] }, 'tagIds'],
      ['a malformed topic id', { topicIds: ['nope'] }, 'topicIds'],
      ['an unknown source', { sourceId: '00000000-0000-0000-0000-000000000000' }, 'sourceId'],
      ['a person as the actor spoken for', { actorId: 'P' }, 'actorId'],
      ['a body as the speaker', { speakerId: 'A' }, 'speakerId'],
      ['an unknown speaker', { speakerId: '00000000-0000-0000-0000-000000000000', actorId: null }, 'speakerId'],
      ['an unknown actor', { actorId: '00000000-0000-0000-0000-000000000000' }, 'actorId'],
      ['an unknown field', { mood: 'angry' }, 'mood'],
      ['an unknown kind', { kind: 'rumour' }, 'kind'],
      ['a malformed date', { saidOn: '2023-02-30' }, 'saidOn'],
      ['a malformed language', { lang: 'Arabic' }, 'lang'],
      ['blank text', { text: '   ' }, 'text'],
      ['text over 20000 characters', { text: 'x'.repeat(20001) }, 'text'],
      ['notes over 10000 characters', { notes: 'x'.repeat(10001) }, 'notes'],
      [
        'more than 20 translations',
        { translations: Object.fromEntries([...'abcdefghijklmnopqrstu'].map((c) => [`a${c}`, 'x'])) },
        'translations',
      ],
      ['a translation over 20000 characters', { translations: { en: 'x'.repeat(20001) } }, 'translations'],
      ['a translation keyed by a non-language', { translations: { English: 'x' } }, 'translations'],
    ])('refuses %s with 400 naming the field', async (_, change, field) => {
      const resolve = (value: unknown): unknown =>
        value === 'A'
          ? id.armenia
          : value === 'T'
            ? id.ceasefire
            : value === 'P'
              ? id.pashinyan
              : Array.isArray(value)
                ? value.map(resolve)
                : value && typeof value === 'object'
                  ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]))
                  : value;
      const body = { text: 'Test', lang: 'en', kind: 'quote', actorId: id.armenia, saidOn: '2023-09-19', ...(resolve(change) as object) };
      const res = await editor().post('/api/statements').send(body).expect(400);
      expect(res.body.errors).toHaveProperty([field]);
      const total = await t.dataSource.query(`SELECT count(*)::int AS n FROM statements WHERE text = 'Test'`);
      expect(total[0].n).toBe(0);
    });

    it('sorts by actorPath, the path the list shows (Armenia › Government before Azerbaijan)', async () => {
      const created: string[] = [];
      for (const actor of ['az-mod', 'azerbaijan', 'arm-gov']) {
        const body = await post('statements', `path-${actor}`, {
          text: `path sort ${actor}`,
          lang: 'en',
          kind: 'quote',
          actorId: id[actor],
          saidOn: '2023-09-19',
        });
        created.push(body.id);
      }
      try {
        for (const order of ['ASC', 'DESC']) {
          const res = await list({ id: created }, { sort: JSON.stringify(['actorPath', order]) }).expect(200);
          const paths = res.body.map((row: { actorPath: string[] }) => row.actorPath.join(' › '));
          const expected = ['Armenia › Government of Armenia', 'Azerbaijan', 'Azerbaijan › Ministry of Defence'];
          expect(paths).toEqual(order === 'ASC' ? expected : [...expected].reverse());
        }
      } finally {
        for (const statement of created) await editor().delete(`/api/statements/${statement}`).expect(200);
      }
    });

    it('gives each field error a code the admin translates (a stance with both targets: stance_one_target)', async () => {
      const body = {
        text: 'Test',
        lang: 'en',
        kind: 'quote',
        actorId: id.armenia,
        saidOn: '2023-09-19',
        stances: [{ targetActorId: id.armenia, targetTopicId: id.ceasefire, value: 1 }],
        speakerId: '00000000-0000-0000-0000-000000000000',
      };
      const res = await editor().post('/api/statements').send(body).expect(400);
      expect(res.body.codes).toMatchObject({ speakerId: 'not_found' });
      const stance = await editor()
        .post('/api/statements')
        .send({ ...body, speakerId: undefined })
        .expect(400);
      expect(stance.body.codes).toEqual({ 'stances.0.targetActorId': 'stance_one_target' });
    });

    it('takes back the record as GET returned it, ignoring read-only fields, and bumps the version', async () => {
      const created = await post('statements', 'edit', {
        text: 'Draft wording',
        lang: 'en',
        kind: 'quote',
        actorId: id.armenia,
        saidOn: '2023-09-22',
        topicIds: [id.ceasefire],
        stances: [{ targetActorId: id.azerbaijan, value: -1 }],
      });
      const got = (await editor().get(`/api/statements/${created.id}`).expect(200)).body;
      const res = await editor()
        .put(`/api/statements/${created.id}`)
        .send({ ...got, text: 'Final wording', actorName: 'ignored', createdAt: 'ignored', status: 'published', tagIds: [id.drones] })
        .expect(200);
      expect(res.body).toMatchObject({
        text: 'Final wording',
        actorName: 'Armenia',
        status: 'published',
        version: 2,
        topicIds: [id.ceasefire],
        tagIds: [id.drones],
        stances: [{ targetActorId: id.azerbaijan, value: -1 }],
      });
      expect(res.body.stances[0].id).toBe(got.stances[0].id);
      const audit = await t.dataSource.query(`SELECT action, changes, user_id FROM audit WHERE entity_id = $1 ORDER BY at`, [created.id]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['create', 'update']);
      expect(Object.keys(audit[1].changes).sort()).toEqual(['status', 'tagIds', 'tags', 'text']);
      expect(audit[1].user_id).toBe(t.users.editor.id);
    });

    it('requires the version on PUT and answers a stale one with 409 and the current record, writing nothing', async () => {
      const created = await post('statements', 'stale', {
        text: 'v1',
        lang: 'en',
        kind: 'quote',
        actorId: id.armenia,
        saidOn: '2023-09-22',
      });
      const missing = await editor().put(`/api/statements/${created.id}`).send({ text: 'no version' }).expect(400);
      expect(missing.body.errors).toHaveProperty('version');
      await editor().put(`/api/statements/${created.id}`).send({ text: 'v2', version: 1 }).expect(200);
      const stale = await editor().put(`/api/statements/${created.id}`).send({ text: 'lost update', version: 1 }).expect(409);
      expect(stale.body.current).toMatchObject({ id: created.id, text: 'v2', version: 2 });
      expect(stale.body.message).toMatch(/version/);
      const now = await editor().get(`/api/statements/${created.id}`).expect(200);
      expect(now.body).toMatchObject({ text: 'v2', version: 2 });
    });

    it('lets exactly one of two parallel edits of the same version win', async () => {
      const created = await post('statements', 'race', {
        text: 'v1',
        lang: 'en',
        kind: 'quote',
        actorId: id.armenia,
        saidOn: '2023-09-22',
      });
      for (let round = 0; round < 3; round++) {
        const { version } = (await editor().get(`/api/statements/${created.id}`)).body;
        const results = await Promise.all(
          ['left', 'right'].map((side) =>
            editor()
              .put(`/api/statements/${created.id}`)
              .send({ text: `${side} ${round}`, tagIds: side === 'left' ? [id.drones] : [id.shelling], version }),
          ),
        );
        expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
        const winner = results.find((r) => r.status === 200)!.body;
        const stored = (await editor().get(`/api/statements/${created.id}`)).body;
        expect(stored).toMatchObject({ text: winner.text, tagIds: winner.tagIds, version: version + 1 });
      }
    });

    it('soft-deletes: gone from lists, getMany and GET, kept for withDeleted and the trash, back on restore', async () => {
      const created = await post('statements', 'trash', {
        text: 'To be deleted',
        lang: 'en',
        kind: 'quote',
        actorId: id.armenia,
        saidOn: '2023-09-22',
      });
      const deleted = await editor().delete(`/api/statements/${created.id}`).expect(200);
      expect(deleted.body.deletedAt).not.toBeNull();
      await editor().get(`/api/statements/${created.id}`).expect(404);
      await editor().get(`/api/statements/${created.id}`).query({ withDeleted: 'true' }).expect(200);
      expect(await found({ id: [created.id] })).toEqual([]);
      expect(await found({ q: 'deleted' })).toEqual([]);
      expect(await found({ deleted: true })).toContain(created.id);
      await editor().delete(`/api/statements/${created.id}`).expect(404);
      await editor().put(`/api/statements/${created.id}`).send({ text: 'x', version: deleted.body.version }).expect(404);
      await t.as('analyst').post(`/api/statements/${created.id}/restore`).expect(403);
      const restored = await editor().post(`/api/statements/${created.id}/restore`).expect(200);
      expect(restored.body).toMatchObject({ id: created.id, deletedAt: null });
      expect(await found({ id: [created.id] })).toEqual([created.id]);
      const audit = await t.dataSource.query(`SELECT action, changes FROM audit WHERE entity_id = $1 ORDER BY at`, [created.id]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['create', 'delete', 'restore']);
      expect(Object.keys(audit[1].changes)).toEqual(['deletedAt']);
      await editor().delete(`/api/statements/${created.id}`).expect(200);
    });

    it('needs the editor role to write and a token to read', async () => {
      await t
        .as('analyst')
        .post('/api/statements')
        .send({ text: 'x', lang: 'en', kind: 'quote', actorId: id.armenia, saidOn: '2023-09-22' })
        .expect(403);
      await t.http.get('/api/statements').expect(401);
    });
  });

  describe('referenced rows', () => {
    it.each([
      ['actors', 'armenia', /statements \(as actor\)|stances/],
      ['actors', 'hajiyev', /statements \(as speaker\)/],
      ['actors', 'az-mod', /stances \(as target\)/],
      ['topics', 'ceasefire', /statements/],
      ['tags', 'drones', /statements/],
      ['sources', 'aljazeera', /statements/],
      ['events', 'offensive', /statements/],
    ])('refuses to delete %s %s that statements reference: 409, nothing removed', async (resource, key, message) => {
      const res = await editor().delete(`/api/${resource}/${id[key]}`).expect(409);
      expect(res.body.message).toMatch(message);
      await editor().get(`/api/${resource}/${id[key]}`).expect(200);
    });

    it('counts soft-deleted statements as references too (they can be restored)', async () => {
      const topic = await post('topics', 'lonely', { slug: 'lonely', name: 'Lonely' });
      const st = await post('statements', 'ref', {
        text: 'x',
        lang: 'en',
        kind: 'quote',
        actorId: id.armenia,
        saidOn: '2023-09-22',
        topicIds: [topic.id],
      });
      await editor().delete(`/api/statements/${st.id}`).expect(200);
      await editor().delete(`/api/topics/${topic.id}`).expect(409);
    });
  });

  describe('filters', () => {
    it.each([
      ['Arabic without hamza', { q: 'اذربيجان' }, ['s1']],
      ['Arabic with hamza', { q: 'أذربيجان' }, ['s1']],
      ['Arabic with tatweel', { q: 'أذربيـــجان' }, ['s1']],
      ['Arabic with diacritics', { q: 'أَذْرَبِيجَان' }, ['s1']],
      ['Arabic stem', { q: 'سيطرة' }, ['s1']],
      ['English stem', { q: 'involve' }, ['s2']],
      ['English stem of fighting', { q: 'fight' }, ['s2']],
      ['a translation', { q: 'announced' }, ['s1']],
      ['Turkish stem', { q: 'toprak' }, ['s4']],
      ['two words', { q: 'shelling Martuni' }, ['s3']],
      ['a phrase', { q: '"reports shelling"' }, ['s3']],
      ['a short Latin query as substring', { q: 'Ka' }, ['s4']],
      ['a short Arabic query as substring', { q: 'مو' }, ['s1']],
      ['a short query with a wildcard', { q: '%' }, []],
      ['actor with descendants', { actorId: 'armenia' }, ['s2', 's3']],
      ['actor as an array', { actorId: ['arm-mfa', 'az-mod'] }, ['s3', 's4']],
      ['top-level actor', { actorId: 'azerbaijan' }, ['s1', 's4']],
      ['speaker', { speakerId: 'pashinyan' }, ['s2']],
      ['target actor with descendants', { targetActorId: 'azerbaijan' }, ['s2', 's3']],
      ['topic', { topicId: 'ceasefire' }, ['s1', 's2']],
      ['tag', { tagId: 'drones' }, ['s1']],
      ['tags as an array', { tagId: ['drones', 'shelling'] }, ['s1', 's2']],
      ['event', { eventId: 'offensive' }, ['s1']],
      ['source', { sourceId: 'aljazeera' }, ['s1']],
      ['stance value', { stance: -2 }, ['s1', 's3']],
      ['stance range', { stance: { min: -1, max: 0 } }, ['s2', 's4']],
      ['stance minimum', { stance: { min: 1 } }, ['s2']],
      ['stance and target on the same stance', { targetActorId: 'azerbaijan', stance: 2 }, []],
      ['stance and target', { targetActorId: 'armenia', stance: { max: -1 } }, ['s1']],
      ['date range, inclusive', { saidFrom: '2023-09-20', saidTo: '2023-09-21' }, ['s2', 's3']],
      ['from a date', { saidFrom: '2023-09-21' }, ['s3', 's4']],
      ['language', { lang: 'en' }, ['s2', 's3']],
      ['kind', { kind: 'paraphrase' }, ['s2']],
      ['status', { status: 'draft' }, ['s2']],
      ['statuses', { status: ['draft', 'published'] }, ['s1', 's2', 's3', 's4']],
      ['combined', { actorId: 'armenia', status: 'published', q: 'shelling', saidFrom: '2023-09-01', lang: 'en' }, ['s3']],
      ['combined, nothing', { actorId: 'armenia', topicId: 'ceasefire', status: 'published' }, []],
    ])('%s', async (_, filter, expected) => {
      const resolved = Object.fromEntries(
        Object.entries(filter).map(([key, value]) => [
          key,
          key.endsWith('Id') ? (Array.isArray(value) ? value.map((v: string) => id[v]) : id[value as string]) : value,
        ]),
      );
      // only the four fixture statements: later tests add others
      const ids = ['s1', 's2', 's3', 's4'].map((k) => s[k].id);
      expect(await found({ ...resolved, id: ids })).toEqual(expected);
    });

    it('filters by a stance toward a topic (targetTopicId), on the same stance as the value', async () => {
      const actor = await post('actors', 'topic-stancer', { slug: 'topic-stancer', name: 'Topic stancer', kind: 'other' });
      const topic = await post('topics', 'truce-topic', { slug: 'truce-topic', name: 'Truce' });
      const supports = await post('statements', 'supports-truce', {
        text: 'We support the truce',
        lang: 'en',
        kind: 'quote',
        actorId: actor.id,
        saidOn: '2023-02-01',
        stances: [{ targetTopicId: topic.id, value: 2 }],
      });
      const mentions = await post('statements', 'mentions-truce', {
        text: 'The truce was discussed',
        lang: 'en',
        kind: 'paraphrase',
        actorId: actor.id,
        saidOn: '2023-02-02',
        topicIds: [topic.id],
      });
      const ids = [supports.id, mentions.id];
      expect(await found({ targetTopicId: topic.id, id: ids })).toEqual([supports.id]);
      expect(await found({ targetTopicId: topic.id, stance: { max: 0 }, id: ids })).toEqual([]);
      expect(await found({ topicId: topic.id, id: ids })).toEqual([mentions.id]);
    });

    it('ranks full-text matches by relevance when no sort is given, and by the sort when one is', async () => {
      const actor = await post('actors', 'ranked', { slug: 'ranked', name: 'Ranked', kind: 'other' });
      const strong = await post('statements', 'strong', {
        text: 'Truce now: the truce must hold, the truce is all',
        lang: 'en',
        kind: 'quote',
        actorId: actor.id,
        saidOn: '2023-01-01',
      });
      const weak = await post('statements', 'weak', {
        text: 'Ateşkes sağlanmalı',
        translations: { en: 'a truce is needed' },
        lang: 'tr',
        kind: 'quote',
        actorId: actor.id,
        saidOn: '2023-06-01',
      });
      const byRank = await list({ q: 'truce', actorId: actor.id }).expect(200);
      expect(byRank.body.map((r: { id: string }) => r.id)).toEqual([strong.id, weak.id]);
      const byDate = await list({ q: 'truce', actorId: actor.id }, { sort: '["saidOn","DESC"]' }).expect(200);
      expect(byDate.body.map((r: { id: string }) => r.id)).toEqual([weak.id, strong.id]);
      const asked = await list({ q: 'truce', actorId: actor.id }, { sort: '["relevance","DESC"]' }).expect(200);
      expect(asked.body.map((r: { id: string }) => r.id)).toEqual([strong.id, weak.id]);
    });

    it('sorts by the whitelisted fields and pages with Content-Range', async () => {
      const ids = ['s1', 's2', 's3', 's4'].map((k) => s[k].id);
      const asc = await list({ id: ids }, { sort: '["saidOn","ASC"]', range: '[0,9]' }).expect(200);
      expect(keysOf(asc.body)).toEqual(['s1', 's2', 's3', 's4']);
      expect(asc.headers['content-range']).toBe('statements 0-3/4');
      const byDefault = await list({ id: ids }).expect(200);
      expect(keysOf(byDefault.body)).toEqual(['s4', 's3', 's2', 's1']);
      const page = await list({ id: ids }, { sort: '["saidOn","ASC"]', range: '[1,2]' }).expect(200);
      expect(keysOf(page.body)).toEqual(['s2', 's3']);
      expect(page.headers['content-range']).toBe('statements 1-2/4');
      const past = await list({ id: ids }, { range: '[10,19]' }).expect(200);
      expect(past.body).toEqual([]);
      expect(past.headers['content-range']).toBe('statements */4');
      const byActor = await list({ id: ids }, { sort: '["actorName","ASC"]' }).expect(200);
      expect(byActor.body.map((r: { actorName: string }) => r.actorName)).toEqual([
        'Armenian MFA',
        'Azerbaijan',
        'Government of Armenia',
        'Ministry of Defence',
      ]);
    });

    it('pages by cursor after any row, in the same order as by offset, without counting', async () => {
      const actor = await post('actors', 'paged', { slug: 'paged', name: 'Paged', kind: 'other' });
      for (let i = 0; i < 7; i++) {
        await post('statements', `p${i}`, {
          text: `page ${i}`,
          lang: 'en',
          kind: 'quote',
          actorId: actor.id,
          saidOn: `2024-01-0${1 + (i % 3)}`,
        });
      }
      for (const sort of ['["saidOn","DESC"]', '["saidOn","ASC"]', '["createdAt","DESC"]', '["id","ASC"]']) {
        const all = (await list({ actorId: actor.id }, { sort }).expect(200)).body.map((r: { id: string }) => r.id);
        expect(all).toHaveLength(7);
        const seen: string[] = [];
        let cursor: string | undefined;
        for (let page = 0; page < 5; page++) {
          const res = await list({ actorId: actor.id }, { sort, range: '[0,2]', ...(cursor ? { cursor } : {}) }).expect(200);
          seen.push(...res.body.map((r: { id: string }) => r.id));
          if (cursor) expect(res.headers['content-range']).toMatch(/^statements (\d+-\d+|\*)\/\*$/);
          cursor = res.headers['next-cursor'];
          if (!cursor) break;
        }
        expect(seen).toEqual(all);
      }
    });

    it('refuses a cursor it did not give out, of another sort, or with a relevance order', async () => {
      const first = await list({}, { sort: '["saidOn","DESC"]', range: '[0,0]' }).expect(200);
      const cursor = first.headers['next-cursor'];
      expect(cursor).toBeDefined();
      const other = await list({}, { sort: '["createdAt","DESC"]', cursor }).expect(400);
      expect(other.body.errors).toHaveProperty('cursor');
      await list({ q: 'shelling' }, { cursor }).expect(400);
      await list({}, { sort: '["status","ASC"]', cursor }).expect(400);
      await list({}, { cursor: 'garbage' }).expect(400);
      await list(
        {},
        { cursor: Buffer.from('["saidOn","DESC","not a date","0f8fad5b-d9cb-469f-a165-70867728950e"]').toString('base64url') },
      ).expect(400);
    });

    it.each([
      ['an unknown sort field', { sort: '["text","ASC"]' }, 'sort'],
      ['a bad sort order', { sort: '["saidOn","UP"]' }, 'sort'],
      ['a malformed sort', { sort: '["saidOn"' }, 'sort'],
      ['a malformed filter', { filter: '{"q":' }, 'filter'],
      ['a filter that is not an object', { filter: '[1,2]' }, 'filter'],
      ['an unknown filter', { filter: '{"mood":"angry"}' }, 'filter'],
      ['a malformed date', { filter: '{"saidFrom":"yesterday"}' }, 'filter'],
      ['an impossible date', { filter: '{"saidTo":"2023-02-30"}' }, 'filter'],
      ['a stance out of the scale', { filter: '{"stance":3}' }, 'filter'],
      ['an inverted stance range', { filter: '{"stance":{"min":2,"max":-2}}' }, 'filter'],
      ['a malformed id', { filter: '{"actorId":"armenia"}' }, 'filter'],
      ['an unknown status', { filter: '{"status":"archived"}' }, 'filter'],
      ['a malformed range', { range: '[0' }, 'range'],
      ['a reversed range', { range: '[9,0]' }, 'range'],
      ['a negative range', { range: '[-1,5]' }, 'range'],
      ['a too large range', { range: '[0,100000]' }, 'range'],
      ['a range of strings', { range: '["a","b"]' }, 'range'],
    ])('answers %s with 400, never 500', async (_, query, field) => {
      const res = await t.as('analyst').get('/api/statements').query(query).expect(400);
      expect(res.body.errors).toHaveProperty([field]);
    });

    it('names the filter key in errors', async () => {
      const res = await list({ saidFrom: 'yesterday' }).expect(400);
      expect(res.body.errors['filter.saidFrom']).toMatch(/YYYY-MM-DD/);
    });

    it('answers 400 for a malformed id and 404 for a missing one', async () => {
      const bad = await t.as('analyst').get('/api/statements/123').expect(400);
      expect(bad.body.errors).toHaveProperty('id');
      await t.as('analyst').get('/api/statements/00000000-0000-0000-0000-000000000000').expect(404);
      await editor().put('/api/statements/00000000-0000-0000-0000-000000000000').send({ version: 1 }).expect(404);
      await editor().post('/api/statements/123/restore').expect(400);
    });
  });
  describe('list rows', () => {
    // The database writes each list page as JSON (statements.service.ts, DISPLAY); GET reads the
    // same row through pg. Both must spell every field alike: timestamps to the millisecond (the
    // database keeps microseconds), escapes, nulls, and the derived topicIds and tagIds.
    it('are the statement as GET answers it, field for field', async () => {
      await post('statements', 'escapes', {
        text: 'He said "no" \\ then\ttabbed\nand wrote \u2028 🕊️ سلامٌ',
        lang: 'en',
        translations: { ar: 'قال "لا"', fr: 'il a dit « non »' },
        kind: 'paraphrase',
        actorId: id['arm-gov'],
        saidOn: '2023-09-22',
        topicIds: [id.ceasefire],
        tagIds: [id.shelling, id.drones],
        stances: [
          { targetActorId: id['az-mod'], value: 1 },
          { targetTopicId: id.ceasefire, value: -1 },
        ],
        notes: null,
      });
      await t.dataSource.query(`UPDATE statements SET created_at = '2023-09-22 23:59:59.999999+00' WHERE id = $1`, [id.escapes]);
      for (const key of ['s1', 's2', 's3', 'escapes']) {
        const { relations: _, ...one } = (await t.as('analyst').get(`/api/statements/${id[key]}`).expect(200)).body;
        const res = await list({ id: [id[key]] }).expect(200);
        expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
        expect(res.body).toEqual([one]);
      }
      const [row] = (await list({ id: [id.escapes] }).expect(200)).body;
      expect(row).toMatchObject({ createdAt: '2023-09-22T23:59:59.999Z', deletedAt: null, notes: null });
      expect(row.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(row.text).toBe('He said "no" \\ then\ttabbed\nand wrote \u2028 🕊️ سلامٌ');
      expect(row.tagIds).toEqual(row.tags.map((tag: { id: string }) => tag.id));
    });
  });
});
