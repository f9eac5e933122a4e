import type { INestApplicationContext } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { FirstAdmin, UsersService } from './users.service';

/**
 * At start: when no user exists, creates the first admin (ADMIN_EMAIL, with ADMIN_PASSWORD or a
 * generated password) and says so; a generated password is printed this once, to stdout.
 */
export async function announceFirstAdmin(
  app: INestApplicationContext,
  config: Pick<AppConfig, 'adminEmail' | 'adminPassword'>,
  print: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<FirstAdmin | null> {
  const admin = await app.get(UsersService).ensureFirstAdmin(config.adminEmail, config.adminPassword);
  if (!admin) return null;
  if (admin.generatedPassword) {
    print(`First admin: ${admin.email} / ${admin.generatedPassword}`);
    print('  (generated because ADMIN_PASSWORD is unset; shown only this once: sign in and change it under Users)');
  } else {
    print(`First admin: ${admin.email} created with the password from ADMIN_PASSWORD`);
  }
  return admin;
}
