import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ROLES, type Role } from '@stance/common';
import type { Request, Response } from 'express';
import { AuthUser, IS_PUBLIC, MIN_ROLE } from './auth.decorators';
import { AuthService } from './auth.service';

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
    const request = http.getRequest<Request & { user?: AuthUser }>();
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (!token) {
      http.getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer');
      throw new UnauthorizedException('Sign in: this route needs an "Authorization: Bearer <token>" header');
    }
    try {
      request.user = await this.auth.authenticate(token);
    } catch (error) {
      http.getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw error;
    }

    const required = this.reflector.getAllAndOverride<Role | undefined>(MIN_ROLE, targets) ?? 'analyst';
    if (!hasRole(request.user.role, required)) {
      throw new ForbiddenException(`This needs the ${required} role; you are signed in as ${request.user.role}`);
    }
    return true;
  }
}
