import { Injectable } from '@nestjs/common';
import { ACTOR_KINDS } from '@stance/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth.decorators';
import { AuditService, changedFields } from '../audit/audit.service';
import { FieldErrorsException } from '../common/api-error';
import { auditChange } from '../common/audit-change';
import { lockForMove } from '../common/hierarchy-move';
import { countLimit, ListQuery, ListSpec, orderBy, Page, Sort } from '../common/list-query';
import { assertNotReferenced } from '../common/references';
import { and, bind, fetchOneOrFail, fetchPage, lockOrFail, nameMatches, pickDefined, RowSource } from '../common/sql';
import { ActorRole } from './actor-role.entity';
import { Actor } from './actor.entity';
import { ActorDto, ActorFilter, ActorRoleDto, UpdateActorDto } from './dto/actor.dto';
import { replicaReader } from '../database/read-query';

export const ACTOR_LIST: ListSpec = {
  filter: { id: 'uuid', q: 'text', parentId: 'uuidOrNull', kind: ACTOR_KINDS, roleActorId: 'uuid' },
  sort: {
    id: 'a.id',
    name: 'a.name',
    slug: 'a.slug',
    kind: 'a.kind',
    depth: 'cardinality(a.path)',
    parentName: 'p.name',
    createdAt: 'a.created_at',
    updatedAt: 'a.updated_at',
  },
};

const ROWS: RowSource = {
  from: 'actors a',
  joins: 'LEFT JOIN actors p ON p.id = a.parent_id',
  columns: `a.id, a.slug, a.name, a.names, a.aliases, a.kind, a.parent_id AS "parentId", a.description,
    cardinality(a.path) - 1 AS depth,
    (SELECT json_agg(json_build_object('id', x.id, 'name', x.name) ORDER BY array_position(a.path, x.id))
       FROM actors x WHERE x.id = ANY (a.path)) AS path,
    p.name AS "parentName",
    coalesce((SELECT json_agg(json_build_object('id', r.id, 'actorId', r.actor_id, 'actorName', body.name, 'title', r.title,
                                                'from', r.started_on, 'to', r.ended_on) ORDER BY r.started_on NULLS FIRST, r.title)
                FROM actor_roles r JOIN actors body ON body.id = r.actor_id WHERE r.person_id = a.id), '[]') AS roles,
    a.version, a.created_at AS "createdAt", a.updated_at AS "updatedAt"`,
};

export const ACTOR_DEFAULT_SORT: Sort = { field: 'name', order: 'ASC' };

/** The list's filter as SQL over `actors a`: lists and the export show the same rows. */
export function actorWhere(filter: ActorFilter, params: unknown[]): string {
  const where: string[] = [];
  if (filter.id) where.push(`a.id = ANY(${bind(params, filter.id, 'uuid[]')})`);
  if (filter.parentId === null) where.push('a.parent_id IS NULL');
  else if (filter.parentId) where.push(`a.parent_id = ANY(${bind(params, filter.parentId, 'uuid[]')})`);
  if (filter.kind) where.push(`a.kind = ANY(${bind(params, filter.kind, 'text[]')})`);
  if (filter.roleActorId) {
    where.push(
      `EXISTS (SELECT 1 FROM actor_roles f_r WHERE f_r.person_id = a.id AND f_r.actor_id = ANY(${bind(params, filter.roleActorId, 'uuid[]')}))`,
    );
  }
  // search_text holds every name and alias, normalised; actors_search_trgm_idx serves the substring match.
  if (filter.q) where.push(nameMatches('a.search_text', filter.q, params));
  return and(where);
}

const WRITABLE = ['slug', 'name', 'names', 'aliases', 'kind', 'parentId', 'description'] as const;

@Injectable()
export class ActorsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list({ filter, sort, range, exactTotal }: ListQuery<ActorFilter>): Promise<Page<ActorDto>> {
    const params: unknown[] = [];
    return fetchPage(replicaReader(this.dataSource), ROWS, {
      where: actorWhere(filter, params),
      params,
      orderBy: orderBy(ACTOR_LIST, sort ?? ACTOR_DEFAULT_SORT),
      range,
      countLimit: countLimit({ exactTotal }),
    });
  }

  findOne(id: string, manager = this.dataSource.manager): Promise<ActorDto> {
    return fetchOneOrFail(manager, ROWS, 'a.id', id, 'actor');
  }

  create(dto: ActorDto, user?: AuthUser): Promise<ActorDto> {
    return this.dataSource.transaction((manager) => this.createIn(manager, dto, user));
  }

  /** Creates an actor in the caller's transaction (an import gives the `id` its file names). */
  async createIn(manager: EntityManager, dto: ActorDto, user?: AuthUser, id?: string): Promise<ActorDto> {
    await this.assertParentExists(manager, dto.parentId);
    const { identifiers } = await manager.insert(Actor, { ...pickDefined(dto, WRITABLE), ...(id ? { id } : {}) });
    const created = identifiers[0].id as string;
    if (dto.roles?.length) await this.replaceRoles(manager, created, dto.roles);
    const after = await this.findOne(created, manager);
    await auditChange(this.audit, manager, { entityType: 'actors', action: 'create', user, before: null, after });
    return after;
  }

  update(id: string, dto: UpdateActorDto, user?: AuthUser): Promise<ActorDto> {
    return this.dataSource.transaction((manager) => this.updateIn(manager, id, dto, user));
  }

  /** Updates an actor in the caller's transaction; the path triggers move its subtree with it. */
  async updateIn(manager: EntityManager, id: string, dto: UpdateActorDto, user?: AuthUser): Promise<ActorDto> {
    await lockForMove(manager, 'actors', id, dto.parentId);
    await lockOrFail(manager, 'actors', id, 'actor');
    const before = await this.findOne(id, manager);
    await this.assertParentExists(manager, dto.parentId);
    const changes = changedFields(before, pickDefined(dto, WRITABLE));
    const rolesChange = dto.roles && !sameRoles(dto.roles, before.roles ?? []) ? dto.roles : undefined;
    if (!Object.keys(changes).length && !rolesChange) return before;
    if (Object.keys(changes).length) await manager.update(Actor, id, changes);
    if (rolesChange) await this.replaceRoles(manager, id, rolesChange);
    const after = await this.findOne(id, manager);
    await auditChange(this.audit, manager, { entityType: 'actors', action: 'update', user, before, after });
    return after;
  }

  remove(id: string, user?: AuthUser): Promise<ActorDto> {
    return this.dataSource.transaction(async (manager) => {
      await lockOrFail(manager, 'actors', id, 'actor');
      const before = await this.findOne(id, manager);
      // Soft-deleted statements count too: they can be restored, so they keep their actor.
      await assertNotReferenced(manager, `actor "${before.name}"`, id, [
        { label: 'statements (as actor)', count: 'SELECT count(*) FROM statements WHERE actor_id = $1' },
        { label: 'statements (as speaker)', count: 'SELECT count(*) FROM statements WHERE speaker_id = $1' },
        { label: 'stances (as target)', count: 'SELECT count(*) FROM stances WHERE target_actor_id = $1' },
        { label: 'child actors', count: 'SELECT count(*) FROM actors WHERE parent_id = $1' },
        { label: 'roles of persons', count: 'SELECT count(*) FROM actor_roles WHERE actor_id = $1' },
      ]);
      await manager.delete(Actor, id);
      await auditChange(this.audit, manager, { entityType: 'actors', action: 'delete', user, before, after: null });
      return before;
    });
  }

  /** The path trigger needs the parent row, so a missing parent would surface as a NOT NULL path instead of the foreign key. */
  private async assertParentExists(manager: EntityManager, parentId: string | null | undefined): Promise<void> {
    if (!parentId) return;
    const rows = (await manager.query(`SELECT 1 FROM actors WHERE id = $1`, [parentId])) as unknown[];
    if (!rows.length) throw new FieldErrorsException({ parentId: 'does not exist' });
  }

  /** A person's roles, replaced as a whole; each role's body must exist (400 naming `roles.<i>.actorId`). */
  private async replaceRoles(manager: EntityManager, personId: string, roles: ActorRoleDto[]): Promise<void> {
    const ids = [...new Set(roles.map((role) => role.actorId))];
    const found = new Set(
      ((await manager.query(`SELECT id FROM actors WHERE id = ANY($1::uuid[])`, [ids])) as { id: string }[]).map((row) => row.id),
    );
    const errors: Record<string, string> = {};
    roles.forEach((role, i) => {
      if (!found.has(role.actorId.toLowerCase())) errors[`roles.${i}.actorId`] = 'does not exist';
      if (role.from && role.to && role.to < role.from) errors[`roles.${i}.to`] = 'must not be before from';
    });
    if (Object.keys(errors).length) throw new FieldErrorsException(errors);
    await manager.delete(ActorRole, { personId });
    if (roles.length) {
      await manager.insert(
        ActorRole,
        roles.map((role) => ({ personId, actorId: role.actorId, title: role.title, from: role.from ?? null, to: role.to ?? null })),
      );
    }
  }
}

/** Whether two lists hold the same roles, in any order. */
function sameRoles(a: ActorRoleDto[], b: ActorRoleDto[]): boolean {
  const keys = (roles: ActorRoleDto[]) =>
    roles
      .map((r) => JSON.stringify([r.actorId.toLowerCase(), r.title, r.from ?? null, r.to ?? null]))
      .sort()
      .join();
  return a.length === b.length && keys(a) === keys(b);
}
