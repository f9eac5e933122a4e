import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ROLES, type Role } from '@stance/common';
import type { Response } from 'express';
import { IS_PUBLIC, MIN_ROLE } from './auth.decorators';
import { AuthService } from './auth.service';
import { AuthRequest, USER_CHECKED_ALONGSIDE } from './user-check';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** Whether `role` may do what `required` may: analyst < editor < admin. */
export function hasRole(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

/**
 * The global guard: every route needs a valid bearer token unless it is `@Public()`, and the
 * signed-in user's role must reach the route's `@MinRole()` (analyst when unset).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const http = context.switchToHttp();
    const request = http.getRequest<AuthRequest>();
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    const rejected = (error: unknown) => {
      http.getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw error;
    };
    if (!token) {
      http.getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer');
      throw new UnauthorizedException('Sign in: this route needs an "Authorization: Bearer <token>" header');
    }
    const required = this.reflector.getAllAndOverride<Role | undefined>(MIN_ROLE, targets) ?? 'analyst';
    if (
      required === 'analyst' &&
      (request.method === 'GET' || request.method === 'HEAD') &&
      this.reflector.getAllAndOverride<boolean>(USER_CHECKED_ALONGSIDE, targets)
    ) {
      const payload = await this.auth.verify(token).catch(rejected);
      request.userCheck = this.auth.userOf(payload).catch(rejected);
      request.userCheck.catch(() => undefined); // awaited by UserCheckInterceptor; not an unhandled rejection meanwhile
      return true;
    }
    request.user = await this.auth.authenticate(token).catch(rejected);
    if (!hasRole(request.user.role, required)) {
      throw new ForbiddenException(`This needs the ${required} role; you are signed in as ${request.user.role}`);
    }
    return true;
  }
}
