import { ConflictException, Injectable } from '@nestjs/common';
import { RELATION_TYPES } from '@stance/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth.decorators';
import { AuditService, changedFields } from '../audit/audit.service';
import { FieldErrorsException } from '../common/api-error';
import { auditChange } from '../common/audit-change';
import { countLimit, ListQuery, ListSpec, orderBy, Page } from '../common/list-query';
import { and, bind, fetchOneOrFail, fetchPage, lockOrFail, pickDefined, RowSource } from '../common/sql';
import { RelationDto, RelationFilter, UpdateRelationDto } from './dto/relation.dto';
import { Relation } from './relation.entity';
import { replicaReader } from '../database/read-query';

export const RELATION_LIST: ListSpec = {
  filter: { id: 'uuid', statementId: 'uuid', fromStatementId: 'uuid', toStatementId: 'uuid', type: RELATION_TYPES },
  sort: { id: 'r.id', type: 'r.type', createdAt: 'r.created_at', updatedAt: 'r.updated_at' },
};

/** A relation to a deleted statement is out of sight with it, and back when it is restored. */
const ROWS: RowSource = {
  from: `relations r
    JOIN statements fs ON fs.id = r.from_statement_id AND fs.deleted_at IS NULL
    JOIN statements ts ON ts.id = r.to_statement_id AND ts.deleted_at IS NULL`,
  columns: `r.id, r.from_statement_id AS "fromStatementId", r.to_statement_id AS "toStatementId", r.type, r.note,
    left(fs.text, 200) AS "fromText", left(ts.text, 200) AS "toText", r.created_at AS "createdAt", r.updated_at AS "updatedAt"`,
};

const WRITABLE = ['fromStatementId', 'toStatementId', 'type', 'note'] as const;

@Injectable()
export class RelationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list({ filter, sort, range, exactTotal }: ListQuery<RelationFilter>): Promise<Page<RelationDto>> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.id) where.push(`r.id = ANY(${bind(params, filter.id, 'uuid[]')})`);
    if (filter.statementId) {
      const ids = bind(params, filter.statementId, 'uuid[]');
      where.push(`r.from_statement_id = ANY(${ids}) OR r.to_statement_id = ANY(${ids})`);
    }
    if (filter.fromStatementId) where.push(`r.from_statement_id = ANY(${bind(params, filter.fromStatementId, 'uuid[]')})`);
    if (filter.toStatementId) where.push(`r.to_statement_id = ANY(${bind(params, filter.toStatementId, 'uuid[]')})`);
    if (filter.type) where.push(`r.type = ANY(${bind(params, filter.type, 'text[]')})`);
    return fetchPage(replicaReader(this.dataSource), ROWS, {
      where: and(where),
      params,
      orderBy: orderBy(RELATION_LIST, sort ?? { field: 'createdAt', order: 'DESC' }),
      range,
      countLimit: countLimit({ exactTotal }),
    });
  }

  findOne(id: string, manager = this.dataSource.manager): Promise<RelationDto> {
    return fetchOneOrFail(manager, ROWS, 'r.id', id, 'relation');
  }

  create(dto: RelationDto, user?: AuthUser): Promise<RelationDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.check(manager, dto, null);
      const { identifiers } = await manager.insert(Relation, pickDefined(dto, WRITABLE));
      const after = await this.findOne(identifiers[0].id as string, manager);
      await auditChange(this.audit, manager, { entityType: 'relations', action: 'create', user, before: null, after });
      return after;
    });
  }

  update(id: string, dto: UpdateRelationDto, user?: AuthUser): Promise<RelationDto> {
    return this.dataSource.transaction(async (manager) => {
      await lockOrFail(manager, 'relations', id, 'relation');
      const before = await this.findOne(id, manager);
      const changes = changedFields(before, pickDefined(dto, WRITABLE));
      if (!Object.keys(changes).length) return before;
      await this.check(manager, { ...before, ...changes }, id);
      await manager.update(Relation, id, changes);
      const after = await this.findOne(id, manager);
      await auditChange(this.audit, manager, { entityType: 'relations', action: 'update', user, before, after });
      return after;
    });
  }

  remove(id: string, user?: AuthUser): Promise<RelationDto> {
    return this.dataSource.transaction(async (manager) => {
      await lockOrFail(manager, 'relations', id, 'relation');
      const before = await this.findOne(id, manager);
      await manager.delete(Relation, id);
      await auditChange(this.audit, manager, { entityType: 'relations', action: 'delete', user, before, after: null });
      return before;
    });
  }

  /** Both ends must be live statements, different from each other, and not already related in the same way. */
  private async check(
    manager: EntityManager,
    relation: Pick<RelationDto, 'fromStatementId' | 'toStatementId' | 'type'>,
    id: string | null,
  ) {
    const from = relation.fromStatementId.toLowerCase();
    const to = relation.toStatementId.toLowerCase();
    if (from === to) throw new FieldErrorsException({ toStatementId: 'a statement cannot relate to itself' });
    const live = new Set(
      (
        (await manager.query(`SELECT id FROM statements WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL`, [[from, to]])) as {
          id: string;
        }[]
      ).map((row) => row.id),
    );
    const errors: Record<string, string> = {};
    if (!live.has(from)) errors.fromStatementId = 'no such statement';
    if (!live.has(to)) errors.toStatementId = 'no such statement';
    if (Object.keys(errors).length) throw new FieldErrorsException(errors);
    const duplicate = (await manager.query(
      `SELECT 1 FROM relations WHERE from_statement_id = $1 AND to_statement_id = $2 AND type = $3 AND id IS DISTINCT FROM $4::uuid`,
      [from, to, relation.type, id],
    )) as unknown[];
    if (duplicate.length) throw new ConflictException(`these statements already have a "${relation.type}" relation`);
  }
}
