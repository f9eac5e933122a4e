import { ACTOR_DEFAULT_SORT, ACTOR_LIST, actorWhere } from '../actors/actors.service';
import { ListSpec, orderBy, Sort } from '../common/list-query';
import { SOURCE_DEFAULT_SORT, SOURCE_LIST, sourceWhere } from '../sources/sources.service';
import { TOPIC_DEFAULT_SORT, TOPIC_LIST, topicWhere } from '../topics/topics.service';
import { iso } from './statement-export.query';

/** A CSV column and the SQL that fills it. */
type Column = readonly [name: string, sql: string];

/**
 * What the export of actors, topics or sources writes: the list's rows (same filter, same default
 * sort), every field needed to rebuild them, references by slug. Names per language get one
 * column each, `name_<lang>`, between `before` and `after`. See README "CSV columns".
 */
export interface ReferenceExport {
  list: ListSpec;
  defaultSort: Sort;
  where: (filter: never, params: unknown[]) => string;
  from: string;
  /** The `names` column (language → name), when the resource has one. */
  names?: string;
  before: readonly Column[];
  after: readonly Column[];
  /** Columns written for people to read; the import accepts and ignores them. */
  displayOnly: readonly string[];
}

export type ReferenceResource = 'actors' | 'topics' | 'sources';

export const nameColumn = (lang: string) => `name_${lang}`;
export const NAME_COLUMN = /^name_([a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)$/;

export const REFERENCE_EXPORTS: Record<ReferenceResource, ReferenceExport> = {
  actors: {
    list: ACTOR_LIST,
    defaultSort: ACTOR_DEFAULT_SORT,
    where: actorWhere,
    from: 'actors a LEFT JOIN actors p ON p.id = a.parent_id',
    names: 'a.names',
    before: [
      ['id', 'a.id'],
      ['slug', 'a.slug'],
      ['kind', 'a.kind'],
      ['name', 'a.name'],
    ],
    after: [
      ['aliases', `array_to_string(a.aliases, '; ')`],
      ['parentSlug', 'p.slug'],
      ['path', `(SELECT string_agg(x.name, ' > ' ORDER BY array_position(a.path, x.id)) FROM actors x WHERE x.id = ANY (a.path))`],
      ['description', 'a.description'],
      [
        'roles',
        `(SELECT string_agg(b.slug || ':' || r.title || ':' || coalesce(to_char(r.started_on, 'YYYY-MM-DD'), '') || ':' ||
                            coalesce(to_char(r.ended_on, 'YYYY-MM-DD'), ''), '; ' ORDER BY r.started_on NULLS FIRST, r.title, b.slug)
            FROM actor_roles r JOIN actors b ON b.id = r.actor_id WHERE r.person_id = a.id)`,
      ],
      ['createdAt', iso('a.created_at')],
      ['updatedAt', iso('a.updated_at')],
      ['version', 'a.version'],
    ],
    displayOnly: ['path', 'createdAt', 'updatedAt', 'version'],
  },
  topics: {
    list: TOPIC_LIST,
    defaultSort: TOPIC_DEFAULT_SORT,
    where: topicWhere,
    from: 'topics t LEFT JOIN topics p ON p.id = t.parent_id',
    names: 't.names',
    before: [
      ['id', 't.id'],
      ['slug', 't.slug'],
      ['name', 't.name'],
    ],
    after: [
      ['parentSlug', 'p.slug'],
      ['description', 't.description'],
      ['createdAt', iso('t.created_at')],
      ['updatedAt', iso('t.updated_at')],
    ],
    displayOnly: ['createdAt', 'updatedAt'],
  },
  sources: {
    list: SOURCE_LIST,
    defaultSort: SOURCE_DEFAULT_SORT,
    where: sourceWhere,
    from: 'sources s',
    before: [
      ['id', 's.id'],
      ['title', 's.title'],
      ['outlet', 's.outlet'],
      ['url', 's.url'],
      ['publishedAt', `to_char(s.published_at, 'YYYY-MM-DD')`],
      ['lang', 's.lang'],
      ['credit', 's.credit'],
      ['body', 's.body'],
    ],
    after: [
      ['createdAt', iso('s.created_at')],
      ['updatedAt', iso('s.updated_at')],
      ['version', 's.version'],
    ],
    displayOnly: ['createdAt', 'updatedAt', 'version'],
  },
};

export function referenceCsvHeader(spec: ReferenceExport, languages: string[]): string[] {
  return [...spec.before.map(([name]) => name), ...languages.map(nameColumn), ...spec.after.map(([name]) => name)];
}

/** Export SQL for one resource; the filter is bound first, so both queries share `params`. */
export class ReferenceExportQuery {
  private readonly params: unknown[] = [];
  private readonly where: string;
  private readonly order: string;

  constructor(
    private readonly spec: ReferenceExport,
    filter: unknown,
    sort: Sort | null,
  ) {
    this.where = spec.where(filter as never, this.params);
    this.order = orderBy(spec.list, sort ?? spec.defaultSort);
  }

  /** The languages of the exported rows' names, sorted: one `name_<lang>` column each. */
  languages(): { sql: string; params: unknown[] } | null {
    if (!this.spec.names) return null;
    return {
      sql: `SELECT DISTINCT k.lang FROM ${this.spec.from} CROSS JOIN LATERAL jsonb_object_keys(${this.spec.names}) AS k(lang) WHERE ${this.where} ORDER BY 1`,
      params: this.params,
    };
  }

  /** One array per row, in the columns of `referenceCsvHeader(spec, languages)`. */
  csv(languages: string[]): { sql: string; params: unknown[] } {
    const params = [...this.params];
    const names = languages.map((lang) => {
      params.push(lang);
      return `${this.spec.names} ->> $${params.length}::text`;
    });
    const columns = [...this.spec.before.map(([, sql]) => sql), ...names, ...this.spec.after.map(([, sql]) => sql)];
    return { sql: `SELECT ${columns.join(',\n')} FROM ${this.spec.from} WHERE ${this.where} ORDER BY ${this.order}`, params };
  }
}
