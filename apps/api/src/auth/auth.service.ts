import { createHash } from 'node:crypto';
import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { isUuid } from '../common/validators';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { primaryPrepared } from '../database/read-query';
import { canonicalEmail } from '../users/canonical-email';
import { User } from '../users/user.entity';
import type { AuthUser } from './auth.decorators';
import { LoginDto, LoginResponseDto } from './dto/login.dto';
import { LoginFailures } from './login-failures';
import { generatePassword, hashPassword, verifyPassword } from './passwords';

/** One message for an unknown email, a wrong password and a disabled account: nothing to enumerate. */
export const WRONG_CREDENTIALS = 'Wrong email or password';
export const INVALID_TOKEN = 'Invalid or expired token; sign in again';

export interface TokenPayload {
  sub?: unknown;
  /** Fingerprint of the password hash when the token was issued: a new password revokes older tokens. */
  pwd?: unknown;
  /** The account's `token_generation` when the token was issued: disabling the account moves it on. */
  gen?: unknown;
  exp?: unknown;
}

@Injectable()
export class AuthService {
  /** Verified when the email is unknown, so that answering takes as long as for a wrong password. */
  private dummyHash?: Promise<string>;

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly jwt: JwtService,
    private readonly failures: LoginFailures,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login({ email, password }: LoginDto, clientIp = ''): Promise<LoginResponseDto> {
    const canonical = canonicalEmail(email);
    const account = `account:${clientIp}|${canonical}`;
    const address = `address:${clientIp}`;
    this.failures.begin([
      {
        key: account,
        limit: this.config.loginRateLimit,
        message: 'Too many failed sign-in attempts for this email; wait a minute and try again',
      },
      {
        key: address,
        limit: this.config.loginIpRateLimit,
        message: 'Too many failed sign-in attempts from this address; wait a minute and try again',
      },
    ]);
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect(['u.passwordHash', 'u.tokenGeneration'])
      // lower() lets users_email_key serve the lookup; the match is on the canonical form alone.
      .where('lower(u.email) = lower(:email) AND u.email = :email', { email: canonical })
      .getOne();
    const valid = await verifyPassword(user?.passwordHash ?? (await this.getDummyHash()), password);
    if (!user || !valid || user.disabled) throw new UnauthorizedException(WRONG_CREDENTIALS);
    this.failures.succeeded(account, address);
    const payload: TokenPayload = { sub: user.id, pwd: passwordFingerprint(user.passwordHash), gen: user.tokenGeneration };
    return { accessToken: await this.jwt.signAsync(payload), user: toAuthUser(user) };
  }

  /**
   * The user a bearer token stands for, read afresh (one primary-key lookup), so that a disabled
   * account, a changed role or a new password takes effect at once. Forged, expired or foreign
   * tokens are a 401.
   */
  async authenticate(token: string): Promise<AuthUser> {
    return this.userOf(await this.verify(token));
  }

  /** The claims of a token this API signed and that has not expired; anything else is a 401. */
  async verify(token: string): Promise<TokenPayload> {
    let payload: TokenPayload;
    try {
      payload = await this.jwt.verifyAsync<TokenPayload>(token);
    } catch {
      throw new UnauthorizedException(INVALID_TOKEN);
    }
    // jsonwebtoken checks `exp` only when it is there; a token that never expires is never issued here.
    if (!isUuid(payload.sub) || typeof payload.exp !== 'number') throw new UnauthorizedException(INVALID_TOKEN);
    return payload;
  }

  /**
   * The current user of verified claims: a 401 if the account is gone or disabled, was disabled
   * since the token was issued (even if enabled again), or its password changed since.
   */
  async userOf(payload: TokenPayload): Promise<AuthUser> {
    // A prepared statement on the primary rather than the query builder: this runs before every authenticated request.
    const [user] = await primaryPrepared<Pick<User, 'id' | 'email' | 'name' | 'role' | 'passwordHash'> & { generation: number }>(
      this.users.manager.connection,
      'stance_auth_user',
      `SELECT id, email, name, role, password_hash AS "passwordHash", token_generation AS generation FROM users WHERE id = $1 AND NOT disabled`,
      [payload.sub],
    );
    if (!user || payload.pwd !== passwordFingerprint(user.passwordHash) || payload.gen !== user.generation) {
      throw new UnauthorizedException(INVALID_TOKEN);
    }
    return toAuthUser(user);
  }

  private getDummyHash(): Promise<string> {
    this.dummyHash ??= hashPassword(generatePassword());
    return this.dummyHash;
  }
}

/** Short and one-way: it tells hashes apart and reveals nothing that helps guess the password. */
function passwordFingerprint(passwordHash: string): string {
  return createHash('sha256').update(passwordHash).digest('base64url').slice(0, 16);
}

export function toAuthUser(user: Pick<User, 'id' | 'email' | 'name' | 'role'>): AuthUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
