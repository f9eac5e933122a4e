import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

export const PASSWORD_MIN_LENGTH = 8;
/** Long enough for any passphrase, short enough that hashing one is not a denial of service. */
export const PASSWORD_MAX_LENGTH = 200;

/**
 * argon2id with the library's defaults (19 MiB, 2 passes: the OWASP baseline). The algorithm is
 * not passed: `Algorithm` is a `const enum`, undefined at runtime when compiled file by file.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** False for a wrong password and for a malformed hash alike. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A password for generated accounts (the first admin): 144 random bits, URL-safe. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
