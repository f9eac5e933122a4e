import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata, UseInterceptors } from '@nestjs/common';
import type { Request } from 'express';
import { catchError, mergeMap, Observable } from 'rxjs';
import type { AuthUser } from './auth.decorators';

export const USER_CHECKED_ALONGSIDE = 'stance:user-checked-alongside';

/** A request as the auth guard leaves it: the user, or (see `UserCheckedAlongside`) the check still under way. */
export interface AuthRequest extends Request {
  user?: AuthUser;
  userCheck?: Promise<AuthUser>;
}

/**
 * For a read that any signed-in user may make and whose handler does not use the user: the guard
 * verifies the token's signature and expiry at once, and starts the lookup of its user (disabled?
 * password changed?) without waiting for it. The handler runs meanwhile, and `UserCheckInterceptor`
 * withholds its answer until the lookup has passed: a failed check answers 401 instead of whatever
 * the handler answered (rows, a 400 or a 404), so nothing is disclosed to a token that is no longer
 * good. It saves the lookup's round trip on the hottest reads. Only GET routes that need no more than
 * the analyst role take this path; others check first. Its interceptor must be the route's innermost,
 * so that no other interceptor sets a header before the check has passed: after any other
 * `UseInterceptors` of the route (as `ListEndpoint` places it).
 */
export const UserCheckedAlongside = () => applyDecorators(SetMetadata(USER_CHECKED_ALONGSIDE, true), UseInterceptors(UserCheckInterceptor));

/** Holds the handler's answer, or its error, until the user check the guard started has passed. */
@Injectable()
export class UserCheckInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthRequest>();
    const check = request.userCheck;
    if (!check) return next.handle();
    const checked = async () => {
      request.user = await check;
    };
    return next.handle().pipe(
      mergeMap(async (value: unknown) => {
        await checked();
        return value;
      }),
      catchError(async (error: unknown) => {
        await checked();
        throw error;
      }),
    );
  }
}
