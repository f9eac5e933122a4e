import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@stance/common';

/** The signed-in user as the auth guard puts it on the request. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export const IS_PUBLIC = 'stance:public';
export const MIN_ROLE = 'stance:min-role';

/** A route that needs no token (health, login). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * The least role a route needs: analyst < editor < admin. Routes without it need any signed-in
 * user (every role may read); writes of content say `@MinRole('editor')`, user management `@MinRole('admin')`.
 */
export const MinRole = (role: Role) => SetMetadata(MIN_ROLE, role);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser | undefined => {
  const request = ctx.switchToHttp().getRequest<{ user?: AuthUser; userCheck?: Promise<AuthUser> }>();
  // A route whose user is checked alongside its handler (auth/user-check.ts) has no user yet.
  if (request.userCheck && !request.user) throw new Error('this route checks its user alongside the handler, which must not read it');
  return request.user;
});
