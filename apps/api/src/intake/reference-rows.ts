import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ActorDto } from '../actors/dto/actor.dto';
import { flattenValidationErrors } from '../common/api-error';
import { isIsoDate, isUuid } from '../common/validators';
import { NAME_COLUMN, REFERENCE_EXPORTS, ReferenceResource } from '../export/reference-export.query';
import { SourceDto } from '../sources/dto/source.dto';
import { TopicDto } from '../topics/dto/topic.dto';
import { CsvColumns, ImportError, splitList } from './csv-import';

/**
 * One data record of an actors, topics or sources file, read and checked on its own: the fields
 * the API's DTO takes (validated by that DTO, so the rules are the API's), references still by slug.
 * A column the file does not have leaves the field undefined: an update keeps its value.
 */
export interface ReferenceRow {
  row: number;
  id: string | null;
  /** Actors and topics. */
  slug: string;
  /** undefined: no `parentSlug` column; null: top level. */
  parentSlug: string | null | undefined;
  /** Actors: the offices a person holds, bodies by slug; undefined: no `roles` column. */
  roles: { slug: string; title: string; from: string | null; to: string | null }[] | undefined;
  /** The DTO's own fields, parent and roles left out. */
  fields: Record<string, unknown>;
}

const required: Record<ReferenceResource, string[]> = {
  actors: ['slug', 'kind', 'name'],
  topics: ['slug', 'name'],
  sources: ['title'],
};

/** The columns an import of `resource` takes: those its export writes. */
export function referenceImportColumns(resource: ReferenceResource): CsvColumns {
  const spec = REFERENCE_EXPORTS[resource];
  return {
    read: [...spec.before, ...spec.after].map(([name]) => name).filter((name) => !spec.displayOnly.includes(name)),
    displayOnly: spec.displayOnly,
    required: required[resource],
    pattern: spec.names ? NAME_COLUMN : undefined,
  };
}

const DTO: Record<ReferenceResource, ClassConstructor<object>> = { actors: ActorDto, topics: TopicDto, sources: SourceDto };
/** Columns whose text is kept as it is (not trimmed): free text where spaces and line breaks are content. */
const VERBATIM = new Set(['description', 'body']);
/** `<body slug>:<title>:<from>:<to>`, dates `YYYY-MM-DD` or empty; the title may hold colons. */
const ROLE = /^([a-z0-9]+(?:-[a-z0-9]+)*):(.+):(\d{4}-\d{2}-\d{2})?:(\d{4}-\d{2}-\d{2})?$/;

/** Reads one record (cells by column, formula guard undone); pushes its problems to `errors`. */
export function parseReferenceRow(
  resource: ReferenceResource,
  cells: Map<string, string>,
  row: number,
  errors: ImportError[],
): ReferenceRow {
  const fail = (field: string, message: string) => errors.push({ row, field, message });
  const columns = referenceImportColumns(resource);
  const fields: Record<string, unknown> = {};
  for (const column of columns.read) {
    if (!cells.has(column) || ['id', 'parentSlug', 'roles', 'aliases'].includes(column)) continue;
    const cell = cells.get(column)!;
    fields[column] = cell.trim() === '' ? null : VERBATIM.has(column) ? cell : cell.trim();
  }
  const names = [...cells.keys()].filter((column) => NAME_COLUMN.test(column));
  if (names.length) {
    fields.names = Object.fromEntries(
      names.filter((column) => cells.get(column)!.trim()).map((column) => [NAME_COLUMN.exec(column)![1], cells.get(column)!.trim()]),
    );
  }
  if (cells.has('aliases')) fields.aliases = splitList(cells.get('aliases')!);

  const id = cells.get('id')?.trim() || null;
  if (id && !isUuid(id)) fail('id', 'must be a UUID');
  const parentSlug = cells.has('parentSlug') ? cells.get('parentSlug')!.trim() || null : undefined;

  let roles: ReferenceRow['roles'];
  if (cells.has('roles')) {
    roles = [];
    for (const item of splitList(cells.get('roles')!)) {
      const m = ROLE.exec(item);
      const [from, to] = [m?.[3] ?? null, m?.[4] ?? null];
      if (!m || (from && !isIsoDate(from)) || (to && !isIsoDate(to))) fail('roles', `"${item}" is not <actor slug>:<title>:<from>:<to>`);
      else if (m[2].trim().length > 300) fail('roles', `the title of "${item}" is longer than 300 characters`);
      else if (from && to && to < from) fail('roles', `"${item}" ends before it starts`);
      else roles.push({ slug: m[1], title: m[2].trim(), from, to });
    }
  }

  const missing = columns.required.filter((column) => fields[column] == null);
  for (const column of missing) fail(column, 'is required');
  const dto = plainToInstance(DTO[resource], fields);
  const problems = flattenValidationErrors(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }));
  for (const [field, message] of Object.entries(problems)) if (!missing.includes(field)) fail(columnOf(field, fields), message);
  return { row, id, slug: (fields.slug as string) ?? '', parentSlug, roles, fields };
}

/** The CSV column a DTO field's error belongs to: `names` → the `name_<lang>` at fault, `aliases.3` → `aliases`. */
export function columnOf(field: string, fields: Record<string, unknown> = {}): string {
  if (field === 'parentId') return 'parentSlug';
  const [head] = field.split('.');
  if (head === 'names') {
    const names = Object.entries((fields.names ?? {}) as Record<string, string>);
    const long = names.find(([, text]) => text.length > 300) ?? names[0];
    return long ? `name_${long[0]}` : 'names';
  }
  return head;
}
