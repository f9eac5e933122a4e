import { HttpException, HttpStatus, Injectable } from '@nestjs/common';

const WINDOW_MS = 60_000;
const MAX_TRACKED = 50_000;

/**
 * Failed sign-ins per (client IP, email) in a one-minute window. Password guessing is slowed to
 * LOGIN_RATE_LIMIT tries a minute per account and address, while successful sign-ins (scripts, test
 * runs, colleagues) never count. @nestjs/throttler caps all attempts at a higher ceiling on top.
 */
@Injectable()
export class LoginFailures {
  private readonly failures = new Map<string, { count: number; resetAt: number }>();

  assertAllowed(key: string, limit: number, now = Date.now()): void {
    const entry = this.failures.get(key);
    if (!entry || entry.resetAt <= now || entry.count < limit) return;
    throw new HttpException(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        message: 'Too many failed sign-in attempts for this email; wait a minute and try again',
        retryAfter: Math.ceil((entry.resetAt - now) / 1000),
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }

  recordFailure(key: string, now = Date.now()): void {
    const entry = this.failures.get(key);
    if (entry && entry.resetAt > now) entry.count++;
    else this.failures.set(key, { count: 1, resetAt: now + WINDOW_MS });
    if (this.failures.size > MAX_TRACKED) this.prune(now);
  }

  clear(key: string): void {
    this.failures.delete(key);
  }

  private prune(now: number): void {
    for (const [key, entry] of this.failures) if (entry.resetAt <= now) this.failures.delete(key);
  }
}
