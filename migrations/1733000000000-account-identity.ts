import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `canonicalEmail()` of apps/api/src/users/canonical-email.ts as it was when this migration was
 * written: a migration must do tomorrow what it did today, so it keeps its own copy.
 */
const canonical = (email: string) => email.trim().normalize('NFKC').toLowerCase().normalize('NFKC');

/**
 * Accounts are found by one canonical form of the email, computed by the API (the database's
 * `lower()` depends on its locale: `lower('İ')` is `i` under glibc, so `admİn@localhost` found
 * the admin while the sign-in throttle counted it as another address). The unique index on
 * `lower(email)` stays: on canonical (already lower-case) emails it agrees with the API, and it
 * still refuses a duplicate written around the API in another case.
 *
 * Existing emails are rewritten in that form. Two accounts whose emails become the same are never
 * merged: the migration stops, names both, and changes nothing, so that an operator decides which
 * address each keeps (`UPDATE users SET email = '…' WHERE id = '…'`) and starts again.
 *
 * `token_generation` revokes tokens: it is part of every token, and disabling an account moves it
 * on (a trigger, so that any way of disabling does), so that enabling the account again does not
 * revive the tokens issued before.
 */
export class AccountIdentity1733000000000 implements MigrationInterface {
  name = 'AccountIdentity1733000000000';

  async up(q: QueryRunner): Promise<void> {
    const users = (await q.query(`SELECT id, email FROM users ORDER BY created_at, id`)) as { id: string; email: string }[];
    const byCanonical = new Map<string, { id: string; email: string }[]>();
    for (const user of users) byCanonical.set(canonical(user.email), [...(byCanonical.get(canonical(user.email)) ?? []), user]);
    const clashes = [...byCanonical.entries()].filter(([, same]) => same.length > 1);
    if (clashes.length) {
      const lines = clashes.map(([email, same]) => `  ${email}: ${same.map((u) => `"${u.email}" (id ${u.id})`).join(', ')}`);
      throw new Error(
        `These accounts have emails that are the same address once made canonical; nothing was changed:\n${lines.join('\n')}\n` +
          `Give each account its own address (UPDATE users SET email = '<address>' WHERE id = '<id>') and start again.`,
      );
    }
    for (const user of users) {
      if (canonical(user.email) !== user.email)
        await q.query(`UPDATE users SET email = $1 WHERE id = $2`, [canonical(user.email), user.id]);
    }

    await q.query(`ALTER TABLE users ADD COLUMN token_generation integer NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE FUNCTION stance_users_revoke_tokens() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.disabled AND NOT OLD.disabled THEN
          NEW.token_generation := OLD.token_generation + 1;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER users_revoke_tokens BEFORE UPDATE OF disabled ON users FOR EACH ROW EXECUTE FUNCTION stance_users_revoke_tokens()`,
    );
  }

  /** Emails stay in their canonical form: the original spellings are not kept. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER users_revoke_tokens ON users`);
    await q.query(`DROP FUNCTION stance_users_revoke_tokens()`);
    await q.query(`ALTER TABLE users DROP COLUMN token_generation`);
  }
}
