import { HttpException, HttpStatus, Injectable } from '@nestjs/common';

const WINDOW_MS = 60_000;
const MAX_TRACKED = 50_000;

/** One counter of failed sign-ins and its allowance per minute; `message` is the 429's. */
export interface FailureLimit {
  key: string;
  limit: number;
  message: string;
}

/**
 * Failed sign-ins per key in a one-minute window: per (client IP, canonical email), so that
 * guessing one account's password is slowed, and per client IP, so that trying one password on
 * many accounts is too. Successful sign-ins (scripts, test runs, colleagues) do not count.
 * @nestjs/throttler caps all attempts at a higher ceiling on top.
 *
 * An attempt is counted when it begins, before its password is checked, so that attempts sent in
 * parallel cannot all pass the check; `succeeded` takes it back.
 */
@Injectable()
export class LoginFailures {
  private readonly failures = new Map<string, { count: number; resetAt: number }>();

  /** A 429 when any counter has reached its limit; otherwise counts the attempt in each. */
  begin(limits: FailureLimit[], now = Date.now()): void {
    for (const { key, limit, message } of limits) {
      const entry = this.failures.get(key);
      if (!entry || entry.resetAt <= now || entry.count < limit) continue;
      throw new HttpException(
        { statusCode: HttpStatus.TOO_MANY_REQUESTS, message, retryAfter: Math.ceil((entry.resetAt - now) / 1000) },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    for (const { key } of limits) {
      const entry = this.failures.get(key);
      if (entry && entry.resetAt > now) entry.count++;
      else this.failures.set(key, { count: 1, resetAt: now + WINDOW_MS });
    }
    if (this.failures.size > MAX_TRACKED) this.prune(now);
  }

  /**
   * The attempt signed in: the account's failures are forgotten, the address's keep counting (else
   * one known password would reset the count of a spray between its guesses).
   */
  succeeded(account: string, address: string): void {
    this.failures.delete(account);
    const entry = this.failures.get(address);
    if (entry && entry.count > 0) entry.count--;
  }

  private prune(now: number): void {
    for (const [key, entry] of this.failures) if (entry.resetAt <= now) this.failures.delete(key);
  }
}
