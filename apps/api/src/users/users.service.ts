import { ConflictException, Injectable } from '@nestjs/common';
import { ROLES } from '@stance/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth.decorators';
import { generatePassword, hashPassword } from '../auth/passwords';
import { AuditService, changedFields } from '../audit/audit.service';
import { countLimit, ListQuery, ListSpec, orderBy, Page } from '../common/list-query';
import { and, bind, containsPattern, fetchOneOrFail, fetchPage, lockOrFail, pickDefined, RowSource } from '../common/sql';
import { CreateUserDto, UpdateUserDto, UserDto, UserFilter } from './dto/user.dto';
import { canonicalEmail } from './canonical-email';
import { User } from './user.entity';
import { replicaReader } from '../database/read-query';

export const USER_LIST: ListSpec = {
  filter: { id: 'uuid', q: 'text', role: ROLES, disabled: 'boolean' },
  sort: {
    id: 'u.id',
    email: 'u.email',
    name: 'u.name',
    role: 'u.role',
    disabled: 'u.disabled',
    createdAt: 'u.created_at',
    updatedAt: 'u.updated_at',
  },
};

const ROWS: RowSource = {
  from: 'users u',
  columns: `u.id, u.email, u.name, u.role, u.disabled, u.created_at AS "createdAt", u.updated_at AS "updatedAt"`,
};

const WRITABLE = ['email', 'name', 'role', 'disabled'] as const;

export interface FirstAdmin {
  id: string;
  email: string;
  /** Set when the password was generated; it exists nowhere else but as a hash. */
  generatedPassword?: string;
}

/**
 * Accounts, managed by admins. There is always at least one active admin: changes that would
 * leave none are refused, and run one at a time (an advisory lock) so that two admins demoting
 * each other at once cannot both succeed.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list({ filter, sort, range, exactTotal }: ListQuery<UserFilter>): Promise<Page<UserDto>> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.id) where.push(`u.id = ANY(${bind(params, filter.id, 'uuid[]')})`);
    if (filter.q) where.push(`(u.email || ' ' || u.name) ILIKE ${bind(params, containsPattern(filter.q))}`);
    if (filter.role) where.push(`u.role = ANY(${bind(params, filter.role, 'text[]')})`);
    if (filter.disabled !== undefined) where.push(`u.disabled = ${bind(params, filter.disabled)}`);
    return fetchPage(replicaReader(this.dataSource), ROWS, {
      where: and(where),
      params,
      orderBy: orderBy(USER_LIST, sort ?? { field: 'email', order: 'ASC' }),
      range,
      countLimit: countLimit({ exactTotal }),
    });
  }

  findOne(id: string, manager = this.dataSource.manager): Promise<UserDto> {
    return fetchOneOrFail(manager, ROWS, 'u.id', id, 'user');
  }

  async create(dto: CreateUserDto, actor: AuthUser): Promise<UserDto> {
    const passwordHash = await hashPassword(dto.password);
    return this.dataSource.transaction(async (manager) => {
      const { identifiers } = await manager.insert(User, { ...pickDefined(dto, WRITABLE), passwordHash });
      const after = await this.findOne(identifiers[0].id as string, manager);
      await this.record(manager, actor, 'create', null, after, true);
      return after;
    });
  }

  async update(id: string, dto: UpdateUserDto, actor: AuthUser): Promise<UserDto> {
    const password = typeof dto.password === 'string' && dto.password !== '' ? dto.password : undefined;
    const passwordHash = password === undefined ? undefined : await hashPassword(password);
    return this.dataSource.transaction(async (manager) => {
      await lockAccounts(manager);
      await lockOrFail(manager, 'users', id, 'user');
      const before = await this.findOne(id, manager);
      const changes = changedFields(before, pickDefined(dto, WRITABLE));
      if (!Object.keys(changes).length && !passwordHash) return before;
      await assertAllowed(manager, actor, before, { ...before, ...changes });
      await manager.update(User, id, { ...changes, ...(passwordHash ? { passwordHash } : {}) });
      const after = await this.findOne(id, manager);
      await this.record(manager, actor, 'update', before, after, passwordHash !== undefined);
      return after;
    });
  }

  /** DELETE disables: the account stays, with its audit trail, and can be enabled again. */
  remove(id: string, actor: AuthUser): Promise<UserDto> {
    return this.dataSource.transaction(async (manager) => {
      await lockAccounts(manager);
      await lockOrFail(manager, 'users', id, 'user');
      const before = await this.findOne(id, manager);
      if (before.disabled) return before;
      await assertAllowed(manager, actor, before, { ...before, disabled: true });
      await manager.update(User, id, { disabled: true });
      const after = await this.findOne(id, manager);
      await this.record(manager, actor, 'delete', before, after, false);
      return after;
    });
  }

  /**
   * When no user exists, creates the admin `email` with `password`, or with a generated one.
   * Returns null when users exist: a set ADMIN_PASSWORD then overwrites nothing. Instances
   * starting together take the same lock, so only one creates it.
   */
  async ensureFirstAdmin(email: string, password?: string): Promise<FirstAdmin | null> {
    const generatedPassword = password ? undefined : generatePassword();
    const passwordHash = await hashPassword(password ?? generatedPassword!);
    return this.dataSource.transaction(async (manager) => {
      await lockAccounts(manager);
      const [{ exists }] = (await manager.query(`SELECT EXISTS (SELECT 1 FROM users) AS exists`)) as { exists: boolean }[];
      if (exists) return null;
      const { identifiers } = await manager.insert(User, {
        email: canonicalEmail(email),
        name: 'Administrator',
        role: 'admin',
        passwordHash,
      });
      const after = await this.findOne(identifiers[0].id as string, manager);
      await this.record(manager, null, 'create', null, after, true);
      return { id: after.id, email: after.email, generatedPassword };
    });
  }

  private async record(
    manager: EntityManager,
    actor: AuthUser | null,
    action: 'create' | 'update' | 'delete',
    before: UserDto | null,
    after: UserDto,
    passwordSet: boolean,
  ): Promise<void> {
    await this.audit.record(manager, {
      userId: actor?.id,
      action,
      entityType: 'users',
      entityId: after.id,
      before: before as unknown as Record<string, unknown> | null,
      after: after as unknown as Record<string, unknown>,
      secrets: passwordSet ? ['password'] : [],
    });
  }
}

/** Serialises the changes that could remove the last active admin. */
async function lockAccounts(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('stance:users'))`);
}

const isActiveAdmin = (user: Pick<UserDto, 'role' | 'disabled'>) => user.role === 'admin' && !user.disabled;

async function assertAllowed(manager: EntityManager, actor: AuthUser, before: UserDto, after: UserDto): Promise<void> {
  if (before.id === actor.id && after.disabled && !before.disabled) {
    throw new ConflictException({
      message: 'You cannot disable your own account; another admin can',
      errors: { disabled: 'cannot disable your own account' },
    });
  }
  if (!isActiveAdmin(before) || isActiveAdmin(after)) return;
  const [{ others }] = (await manager.query(
    `SELECT count(*)::int AS others FROM users WHERE role = 'admin' AND NOT disabled AND id <> $1`,
    [before.id],
  )) as { others: number }[];
  if (others > 0) return;
  const field = after.disabled ? 'disabled' : 'role';
  throw new ConflictException({
    message: `${before.email} is the last active admin: make another user admin first`,
    errors: { [field]: 'the last active admin must stay an active admin' },
  });
}
