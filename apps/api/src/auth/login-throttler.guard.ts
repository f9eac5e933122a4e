import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { canonicalEmail } from '../users/canonical-email';

/**
 * Counts login attempts per (client IP, canonical email): password guessing against one account is slowed,
 * while colleagues behind one NAT address, or a test run signing in as several users, are not.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const body = request.body as { email?: unknown } | undefined;
    const email = typeof body?.email === 'string' ? canonicalEmail(body.email) : '';
    return `${await super.getTracker(request)}|${email}`;
  }
}
