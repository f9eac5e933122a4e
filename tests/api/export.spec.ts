import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'csv-parse/sync';
import { createTestApp, TestApp } from '../utils/test-app';

/** The CSV parsed back and compared, field by field, with what the list API shows for the same filter and sort. */
describe('statement and position exports', () => {
  let t: TestApp;
  const id: Record<string, string> = {};
  const slugOf: Record<string, string> = {};
  const today = new Date().toISOString().slice(0, 10);

  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => t.dataSource.query(text, params) as Promise<T[]>;
  const insert = async (table: string, key: string, row: Record<string, unknown>) => {
    const columns = Object.keys(row);
    [{ id: id[key] }] = await sql<{ id: string }>(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      Object.values(row),
    );
    if (typeof row.slug === 'string') slugOf[id[key]] = row.slug;
  };
  const statement = async (
    key: string,
    row: Record<string, unknown>,
    links: { topics?: string[]; tags?: string[]; stances?: [string, number][] } = {},
  ) => {
    await insert('statements', key, { lang: 'en', kind: 'quote', actor_id: id.az, said_on: '2023-09-19', status: 'published', ...row });
    for (const topic of links.topics ?? [])
      await sql(`INSERT INTO statement_topics (statement_id, topic_id) VALUES ($1, $2)`, [id[key], id[topic]]);
    for (const tag of links.tags ?? []) await sql(`INSERT INTO statement_tags (statement_id, tag_id) VALUES ($1, $2)`, [id[key], id[tag]]);
    for (const [target, value] of links.stances ?? []) {
      const column = target.startsWith('topic-') ? 'target_topic_id' : 'target_actor_id';
      await sql(`INSERT INTO stances (statement_id, ${column}, value) VALUES ($1, $2, $3)`, [id[key], id[target], value]);
    }
  };

  const list = async (query: Record<string, string>) => {
    const response = await t
      .as('analyst')
      .get('/api/statements')
      .query({ range: '[0,999]', ...query })
      .expect(200);
    return response.body as Record<string, unknown>[];
  };
  const exportCsv = async (query: Record<string, string>, path = '/api/statements/export.csv') => {
    const response = await t
      .as('analyst')
      .get(path)
      .query(query)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const raw = response.body as Buffer;
    const records = parse(raw, { bom: true, columns: true, relax_column_count: false }) as Record<string, string>[];
    return { raw, records, headers: response.headers, header: (parse(raw, { bom: true, to: 1 }) as string[][])[0] };
  };
  const guarded = (text: string | null | undefined) => {
    const value = text ?? '';
    return /^[=+\-@\t\r]/.test(value) && !/^[+-]?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  };

  /** Every column of one CSV record against the list row of the same statement. */
  const expectSameStatement = (record: Record<string, string>, row: Record<string, unknown>, languages: string[]) => {
    const split = (cell: string) => (cell === '' ? [] : cell.split('; '));
    expect(record.id).toBe(row.id);
    expect(record.saidOn).toBe(row.saidOn);
    expect(record.actor).toBe(guarded(row.actorName as string));
    expect(record.actorSlug).toBe(slugOf[row.actorId as string]);
    expect(record.actorPath).toBe((row.actorPath as string[]).join(' > '));
    expect(record.speaker).toBe(row.speakerName ?? '');
    expect(record.speakerSlug).toBe(row.speakerId ? slugOf[row.speakerId as string] : '');
    for (const field of ['channel', 'kind', 'lang', 'status']) expect(record[field]).toBe(row[field]);
    expect(record.originalLang).toBe(row.originalLang ?? '');
    expect(record.text).toBe(guarded(row.text as string));
    for (const lang of languages) expect(record[`translation_${lang}`]).toBe(guarded((row.translations as Record<string, string>)[lang]));
    expect(record.sourceId).toBe(row.sourceId ?? '');
    expect(record.sourceTitle).toBe(guarded(row.sourceTitle as string));
    expect(record.sourceOutlet).toBe(guarded(row.sourceOutlet as string));
    expect(record.eventId).toBe(row.eventId ?? '');
    expect(record.event).toBe(guarded(row.eventName as string));
    // Names in the order of their slugs, as one cell (the guard applies to the whole cell).
    const joined = (items: unknown) =>
      guarded(
        (items as { id: string; name: string }[])
          .sort((a, b) => slugOf[a.id].localeCompare(slugOf[b.id]))
          .map((item) => item.name)
          .join('; '),
      );
    expect(record.topics).toBe(joined(row.topics));
    expect(record.tags).toBe(joined(row.tags));
    expect(split(record.topicSlugs).sort()).toEqual((row.topicIds as string[]).map((topic) => slugOf[topic]).sort());
    expect(split(record.tagSlugs).sort()).toEqual((row.tagIds as string[]).map((tag) => slugOf[tag]).sort());
    const stances = (row.stances as { targetActorId: string | null; targetTopicId: string | null; value: number }[]).map(
      (s) => `${s.targetActorId ? 'actor' : 'topic'}:${slugOf[(s.targetActorId ?? s.targetTopicId)!]}:${s.value > 0 ? '+' : ''}${s.value}`,
    );
    expect(split(record.stances).sort()).toEqual(stances.sort());
    expect(record.notes).toBe(guarded(row.notes as string | null));
    expect(record.createdAt).toBe(row.createdAt);
    expect(record.updatedAt).toBe(row.updatedAt);
    expect(record.version).toBe(String(row.version));
  };

  beforeAll(async () => {
    t = await createTestApp();
    await insert('actors', 'az', { slug: 'azerbaijan', name: 'Azerbaijan', kind: 'state', names: { ar: 'أذربيجان' } });
    await insert('actors', 'az-mod', { slug: 'az-mod', name: 'Ministry of Defence, "MoD"', kind: 'government_body', parent_id: id.az });
    await insert('actors', 'am', { slug: 'armenia', name: 'Armenia', kind: 'state' });
    await insert('actors', 'eyvazov', { slug: 'eyvazov', name: 'Anar Eyvazov', kind: 'person' });
    await insert('topics', 'topic-ceasefire', { slug: 'ceasefire', name: 'Ceasefire, truce' });
    await insert('topics', 'topic-corridor', { slug: 'corridor', name: 'ممر لاتشين' });
    await insert('tags', 'tag-official', { slug: 'official', name: 'Official' });
    await insert('tags', 'tag-formula', { slug: 'formula', name: '=HYPERLINK("x")' });
    await insert('sources', 'src', {
      title: 'أذربيجان تطلق "عملية" في قره باغ',
      outlet: 'Al Jazeera',
      url: 'https://www.aljazeera.net/news/2023/9/19/x',
      published_at: '2023-09-19',
      lang: 'ar',
    });
    await insert('events', 'op', { name: 'Operation of 19 September 2023' });

    await statement(
      'arabic',
      {
        text: 'شنت أذربيجان، اليوم الثلاثاء، "عمليات" مكافحة الإرهاب\nفي إقليم قره باغ',
        lang: 'ar',
        translations: { en: 'Azerbaijan launched "anti-terror" operations, today', tr: 'Azerbaycan operasyon başlattı' },
        original_lang: 'tr',
        actor_id: id['az-mod'],
        speaker_id: id.eyvazov,
        source_id: id.src,
        event_id: id.op,
        channel: 'press_conference',
        notes: '- checked against the wire; "exact"',
        said_on: '2023-09-19',
      },
      {
        topics: ['topic-ceasefire', 'topic-corridor'],
        tags: ['tag-official', 'tag-formula'],
        stances: [
          ['am', -2],
          ['topic-ceasefire', 1],
        ],
      },
    );
    await statement('formula', { text: '=SUM(A1)', said_on: '2023-09-20', kind: 'paraphrase', status: 'draft' }, { stances: [['am', 0]] });
    await statement('plus', { text: '+1', said_on: '2023-09-21', translations: { en: '@x' } });
    await statement('minus', { text: '-2', said_on: '2023-09-22', notes: '@cmd' }, { stances: [['topic-corridor', 2]] });
    await statement('tab', { text: '\tcalc, "quoted"\r\nnext line', said_on: '2023-09-18', actor_id: id.am });
    await statement('deleted', { text: 'soft-deleted, never exported', said_on: '2023-09-23', deleted_at: new Date() });
    await sql(
      `INSERT INTO relations (from_statement_id, to_statement_id, type) VALUES ($1, $2, 'responds_to'), ($3, $1, 'contradicts'), ($1, $4, 'supports')`,
      [id.formula, id.arabic, id.plus, id.deleted],
    );
  });
  afterAll(() => t.close());

  it('exports exactly the rows of the list, in its order, field by field', async () => {
    for (const [filter, sort] of [
      [{}, null],
      [{ actorId: id.az }, ['saidOn', 'ASC']],
      [{ status: 'published' }, ['createdAt', 'DESC']],
      [{ q: 'أذربيجان' }, null],
      [{ topicId: id['topic-corridor'] }, ['saidOn', 'DESC']],
    ] as [Record<string, unknown>, [string, string] | null][]) {
      const query = { filter: JSON.stringify(filter), ...(sort ? { sort: JSON.stringify(sort) } : {}) };
      const rows = await list(query);
      expect(rows.length).toBeGreaterThan(0);
      const { records, header } = await exportCsv(query);
      const languages = header.filter((column) => column.startsWith('translation_')).map((column) => column.slice('translation_'.length));
      expect(records.map((r) => r.id)).toEqual(rows.map((r) => r.id));
      records.forEach((record, i) => expectSameStatement(record, rows[i], languages));
    }
  });

  it('has a stable header with one column per translation language present', async () => {
    const { header } = await exportCsv({});
    expect(header).toEqual([
      'id',
      'saidOn',
      'actor',
      'actorSlug',
      'actorPath',
      'speaker',
      'speakerSlug',
      'channel',
      'kind',
      'lang',
      'originalLang',
      'text',
      'translation_en',
      'translation_tr',
      'sourceId',
      'sourceTitle',
      'sourceOutlet',
      'sourceUrl',
      'sourcePublishedAt',
      'eventId',
      'event',
      'topics',
      'topicSlugs',
      'tags',
      'tagSlugs',
      'stances',
      'status',
      'notes',
      'relatedIds',
      'createdAt',
      'updatedAt',
      'version',
    ]);
    expect((await exportCsv({ filter: JSON.stringify({ actorId: id.am }) })).header).not.toContain('translation_en');
  });

  it('keeps commas, quotes, newlines and Arabic intact, and neutralises formulas but not numbers', async () => {
    const { records } = await exportCsv({});
    const byId = Object.fromEntries(records.map((r) => [r.id, r]));
    const arabic = byId[id.arabic];
    expect(arabic.text).toBe('شنت أذربيجان، اليوم الثلاثاء، "عمليات" مكافحة الإرهاب\nفي إقليم قره باغ');
    expect(arabic.translation_en).toBe('Azerbaijan launched "anti-terror" operations, today');
    expect(arabic.actor).toBe('Ministry of Defence, "MoD"');
    expect(arabic.actorPath).toBe('Azerbaijan > Ministry of Defence, "MoD"');
    expect(arabic.speakerSlug).toBe('eyvazov');
    expect(arabic.sourceTitle).toBe('أذربيجان تطلق "عملية" في قره باغ');
    expect(arabic.sourceUrl).toBe('https://www.aljazeera.net/news/2023/9/19/x');
    expect(arabic.sourcePublishedAt).toBe('2023-09-19');
    expect(arabic.topics).toBe('Ceasefire, truce; ممر لاتشين');
    expect(arabic.topicSlugs).toBe('ceasefire; corridor');
    expect(arabic.tags).toBe(`'=HYPERLINK("x"); Official`);
    expect(arabic.stances).toBe('actor:armenia:-2; topic:ceasefire:+1');
    expect(arabic.notes).toBe(`'- checked against the wire; "exact"`);
    expect(arabic.relatedIds).toBe(id.formula);
    expect(byId[id.formula].relatedIds.split('; ').sort()).toEqual([id.arabic, id.plus].sort());
    expect(byId[id.formula].text).toBe("'=SUM(A1)");
    expect(byId[id.formula].stances).toBe('actor:armenia:0');
    expect(byId[id.plus].text).toBe('+1');
    expect(byId[id.plus].translation_en).toBe("'@x");
    expect(byId[id.minus].text).toBe('-2');
    expect(byId[id.minus].notes).toBe("'@cmd");
    expect(byId[id.minus].stances).toBe('topic:corridor:+2');
    expect(byId[id.tab].text).toBe(`'\tcalc, "quoted"\r\nnext line`);
    expect(byId[id.deleted]).toBeUndefined();
  });

  it('writes RFC 4180 with CRLF, a UTF-8 BOM unless bom=false, and an attachment named with the date', async () => {
    const { raw, headers } = await exportCsv({});
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(raw.toString('utf8', 3, 6)).toBe('id,');
    expect(raw.toString('utf8')).toContain('\r\n');
    // A lone line feed inside a field is quoted too, so Excel keeps the record whole.
    expect(raw.toString('utf8')).toContain('"شنت أذربيجان، اليوم الثلاثاء، ""عمليات"" مكافحة الإرهاب\nفي إقليم قره باغ"');
    expect(headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(headers['content-disposition']).toBe(`attachment; filename="statements-${today}.csv"`);
    const plain = await exportCsv({ bom: 'false' });
    expect(plain.raw.toString('utf8', 0, 3)).toBe('id,');
    expect(plain.records).toEqual((await exportCsv({})).records);
  });

  it('exports NDJSON for scripts: one statement per line, the same rows', async () => {
    const response = await t
      .as('analyst')
      .get('/api/statements/export.ndjson')
      .query({ sort: '["saidOn","ASC"]' })
      .buffer(true)
      .expect(200);
    expect(response.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="statements-${today}.ndjson"`);
    const lines = (response.text as string)
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const rows = await list({ sort: '["saidOn","ASC"]' });
    expect(lines.map((l) => l.id)).toEqual(rows.map((r) => r.id));
    const arabic = lines.find((l) => l.id === id.arabic)!;
    expect(arabic).toMatchObject({
      text: 'شنت أذربيجان، اليوم الثلاثاء، "عمليات" مكافحة الإرهاب\nفي إقليم قره باغ',
      translations: { en: 'Azerbaijan launched "anti-terror" operations, today', tr: 'Azerbaycan operasyon başlattı' },
      actorId: id['az-mod'],
      actorPath: ['Azerbaijan', 'Ministry of Defence, "MoD"'],
      saidOn: '2023-09-19',
      notes: '- checked against the wire; "exact"',
      stances: [
        { targetActorId: id.am, targetTopicId: null, targetType: 'actor', targetSlug: 'armenia', targetName: 'Armenia', value: -2 },
        {
          targetActorId: null,
          targetTopicId: id['topic-ceasefire'],
          targetType: 'topic',
          targetSlug: 'ceasefire',
          targetName: 'Ceasefire, truce',
          value: 1,
        },
      ],
    });
    expect(arabic.createdAt).toBe(rows.find((r) => r.id === id.arabic)!.createdAt);
  });

  it('exports positions as the positions list shows them', async () => {
    const filter = JSON.stringify({ actorId: id.az, rollup: true });
    const positions = (await t.as('analyst').get('/api/positions').query({ filter }).expect(200)).body as Record<string, unknown>[];
    const { records, header, headers } = await exportCsv({ filter }, '/api/positions/export.csv');
    expect(headers['content-disposition']).toBe(`attachment; filename="positions-${today}.csv"`);
    expect(header).toEqual([
      'actorId',
      'actorName',
      'actorSlug',
      'targetType',
      'targetId',
      'targetName',
      'targetSlug',
      'count',
      'mean',
      'min',
      'max',
      'latestValue',
      'latestSaidOn',
    ]);
    expect(records).toEqual(positions.map((p) => Object.fromEntries(header.map((column) => [column, String(p[column])]))));
    expect(records.find((r) => r.targetSlug === 'armenia')).toMatchObject({
      count: '2',
      mean: '-1',
      min: '-2',
      max: '0',
      latestValue: '0',
    });
    const monthly = await exportCsv({ filter: JSON.stringify({ groupBy: 'month' }) }, '/api/positions/export.csv');
    expect(monthly.header).toContain('month');
    expect(monthly.records.every((r) => r.month === '2023-09')).toBe(true);
  });

  it('streams a large export in chunks from the cursor', async () => {
    await sql(
      `INSERT INTO statements (text, lang, kind, actor_id, said_on, status)
       SELECT 'bulk statement ' || i || ', with "quotes" and a comma', 'en', 'quote', $1, DATE '2020-01-01' + (i % 700), 'published'
         FROM generate_series(1, 3000) i`,
      [id.am],
    );
    const server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const filter = encodeURIComponent(JSON.stringify({ q: 'bulk' }));
    const chunks = await new Promise<Buffer[]>((resolve, reject) => {
      const received: Buffer[] = [];
      httpRequest(
        {
          port,
          host: '127.0.0.1',
          path: `/api/statements/export.csv?filter=${filter}`,
          headers: { Authorization: `Bearer ${t.tokenFor('analyst')}` },
        },
        (res) => {
          expect(res.statusCode).toBe(200);
          expect(res.headers['content-length']).toBeUndefined();
          res.on('data', (chunk: Buffer) => received.push(chunk));
          res.on('end', () => resolve(received));
          res.on('error', reject);
        },
      )
        .on('error', reject)
        .end();
    });
    expect(chunks.length).toBeGreaterThan(3);
    const records = parse(Buffer.concat(chunks), { bom: true, columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(3000);
    expect(records[0].text).toMatch(/^bulk statement \d+, with "quotes" and a comma$/);
  });

  it('answers 400 to a malformed filter, sort or bom, and 401 without a token', async () => {
    await t.as('analyst').get('/api/statements/export.csv').query({ filter: '{bad' }).expect(400);
    await t.as('analyst').get('/api/statements/export.csv').query({ filter: '{"nope":1}' }).expect(400);
    await t.as('analyst').get('/api/statements/export.csv').query({ sort: '["nope","ASC"]' }).expect(400);
    await t.as('analyst').get('/api/statements/export.csv').query({ bom: 'maybe' }).expect(400);
    await t.as('analyst').get('/api/positions/export.csv').query({ filter: '{"groupBy":"year"}' }).expect(400);
    await t.http.get('/api/statements/export.csv').expect(401);
    await t.http.get('/api/positions/export.csv').expect(401);
  });
});
