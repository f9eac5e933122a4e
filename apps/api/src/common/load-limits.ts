import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Global,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  Module,
  NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { finalize, Observable } from 'rxjs';
import type { AuthUser } from '../auth/auth.decorators';
import { APP_CONFIG, AppConfig, ConcurrencyLimit } from '../config/app-config';

/** Work that holds a database connection for long: each kind runs at most so many at once, per user and in all. */
export type HeavyWork = 'exports' | 'searches';

const WHAT: Record<HeavyWork, { noun: string; retryAfterSeconds: number }> = {
  exports: { noun: 'exports', retryAfterSeconds: 5 },
  searches: { noun: 'full-text searches', retryAfterSeconds: 2 },
};

/** Counts what runs; a request beyond a limit is refused at once rather than queued behind work that may take minutes. */
export class ConcurrencyLimiter {
  private running = 0;
  private readonly byUser = new Map<string, number>();

  constructor(
    private readonly work: HeavyWork,
    readonly limit: ConcurrencyLimit,
  ) {}

  /** Takes a slot for `user`, and returns its release (idempotent); throws 429 or 503 with `Retry-After` when none is free. */
  acquire(user: string): () => void {
    const { noun, retryAfterSeconds: retryAfter } = WHAT[this.work];
    const own = this.byUser.get(user) ?? 0;
    if (own >= this.limit.perUser) {
      throw new HttpException(
        { message: `too many ${noun} of yours at once (at most ${this.limit.perUser}); retry when one has finished`, retryAfter },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    if (this.running >= this.limit.total) {
      throw new HttpException(
        { message: `server busy: ${this.running} ${noun} running, the most at once; retry`, retryAfter },
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    }
    this.running++;
    this.byUser.set(user, own + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      const left = (this.byUser.get(user) ?? 1) - 1;
      if (left > 0) this.byUser.set(user, left);
      else this.byUser.delete(user);
    };
  }
}

@Injectable()
export class LoadLimits {
  readonly limiters: Record<HeavyWork, ConcurrencyLimiter>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limiters = {
      exports: new ConcurrencyLimiter('exports', config.limits.exports),
      searches: new ConcurrencyLimiter('searches', config.limits.searches),
    };
  }
}

const BOUNDED = 'stance:bounded';

interface BoundedSpec {
  work: HeavyWork;
  /** Whether this request is such work (all of the route's requests when absent). */
  when?: (request: Request) => boolean;
}

/**
 * A route whose requests (or those `when` picks) are heavy work of one kind: bounded per user and in
 * total (LoadLimits), the slot held until the answer has been sent in full (a streamed export) or
 * has failed.
 */
export const Bounded = (work: HeavyWork, when?: BoundedSpec['when']) =>
  applyDecorators(SetMetadata(BOUNDED, { work, when } satisfies BoundedSpec), UseInterceptors(BoundedInterceptor));

/** Whether a list request filters by full text: `filter={"q": "..."}` with letters in it. */
export function filtersByText(request: Request): boolean {
  const filter = request.query.filter;
  if (typeof filter !== 'string') return false;
  try {
    const q = (JSON.parse(filter) as { q?: unknown } | null)?.q;
    return typeof q === 'string' && q.trim() !== '';
  } catch {
    return false; // the list's own parsing answers 400
  }
}

@Injectable()
export class BoundedInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly limits: LoadLimits,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const spec = this.reflector.get<BoundedSpec>(BOUNDED, context.getHandler());
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    if (!spec || (spec.when && !spec.when(request))) return next.handle();
    const release = this.limits.limiters[spec.work].acquire(requesterOf(request));
    return next.handle().pipe(finalize(release));
  }
}

/**
 * Who asks: the signed-in user, or on routes whose user is checked alongside the handler
 * (auth/user-check.ts) the subject of the bearer token, whose signature the guard has verified.
 */
function requesterOf(request: Request & { user?: AuthUser }): string {
  if (request.user) return request.user.id;
  const token = /^Bearer\s+(\S+)/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub?: unknown };
    if (typeof payload.sub === 'string') return payload.sub;
  } catch {
    // not a JWT: the guard would have refused it
  }
  return token;
}

@Global()
@Module({ providers: [LoadLimits, BoundedInterceptor], exports: [LoadLimits, BoundedInterceptor] })
export class LoadLimitsModule {}
