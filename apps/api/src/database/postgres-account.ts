import { execFileSync, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { getAttributeSync, setAttributeSync } from '@napi-rs/xattr';
import { StartupError } from './startup-error';

/** The account PostgreSQL runs as when the API runs as root (PostgreSQL refuses to run as root). */
export interface Account {
  name: string;
  uid: number;
  gid: number;
}

const POSTGRES_USER = 'postgres';

/** The `postgres` account, created as a system user without login or home when the machine has none. */
export function postgresAccount(log: (line: string) => void): Account {
  const found = lookUp(POSTGRES_USER);
  if (found) return found;
  try {
    if (spawnSync('getent', ['group', POSTGRES_USER]).status !== 0)
      execFileSync('groupadd', ['--system', POSTGRES_USER], { stdio: 'pipe' });
    execFileSync(
      'useradd',
      ['--system', '--gid', POSTGRES_USER, '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', POSTGRES_USER],
      { stdio: 'pipe' },
    );
  } catch (error) {
    const reason = String((error as { stderr?: Buffer }).stderr ?? (error as Error).message)
      .trim()
      .split('\n')[0];
    throw new StartupError(
      `PostgreSQL refuses to run as root and the user "${POSTGRES_USER}" to run it as could not be created (${reason}): ` +
        `create it (useradd --system ${POSTGRES_USER}) or start Stance as an ordinary user`,
    );
  }
  log(`created the system user "${POSTGRES_USER}" (no login, no home) to run the embedded PostgreSQL, which refuses to run as root`);
  return lookUp(POSTGRES_USER)!;
}

function lookUp(name: string): Account | undefined {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, name], { stdio: 'pipe' }).toString().trim());
    return { name, uid: id('-u'), gid: id('-g') };
  } catch {
    return undefined;
  }
}

/**
 * Makes every folder in `targets` reachable by `account`: each folder above a target that the
 * account may not enter gets one ACL entry granting that one user search (`--x`) and nothing else:
 * it still cannot list or read anything there but the path to the target. Each change is logged.
 * Where no ACL can be set (a file system without them), stops with one line naming the folder.
 */
export function makeReachable(account: Account, targets: { path: string; what: string }[], log: (line: string) => void): void {
  for (const target of targets) {
    for (let guard = 0; guard < 64; guard++) {
      const blocked = firstBlockedFolder(account, resolve(target.path));
      if (!blocked) break;
      grantSearch(account, blocked, target, log);
    }
  }
}

/** The first folder on the way to `path` (itself included) that `account` may not enter, checked as that account. */
function firstBlockedFolder(account: Account, path: string): string | undefined {
  const folders: string[] = [];
  for (let folder = path; ; folder = dirname(folder)) {
    folders.unshift(folder);
    if (dirname(folder) === folder) break;
  }
  const check = spawnSync('/bin/sh', ['-c', 'for d do [ -x "$d" ] || { printf %s "$d"; exit 1; }; done', 'sh', ...folders], {
    uid: account.uid,
    gid: account.gid,
  });
  return check.status === 0 ? undefined : check.stdout.toString() || path;
}

// POSIX ACL as Linux stores it in the `system.posix_acl_access` attribute (linux/posix_acl_xattr.h).
const ACL_ATTRIBUTE = 'system.posix_acl_access';
const ACL_VERSION = 2;
const [USER_OBJ, USER, GROUP_OBJ, GROUP, MASK, OTHER] = [0x01, 0x02, 0x04, 0x08, 0x10, 0x20];
const UNDEFINED_ID = 0xffffffff;
const SEARCH = 1;

interface AclEntry {
  tag: number;
  perm: number;
  id: number;
}

function grantSearch(account: Account, folder: string, target: { path: string; what: string }, log: (line: string) => void): void {
  const stat = statSync(folder);
  const mode = `0${(stat.mode & 0o777).toString(8)}`;
  try {
    const existing = getAttributeSync(folder, ACL_ATTRIBUTE);
    const entries = existing ? decodeAcl(existing) : aclOfMode(stat.mode);
    const own = entries.find((entry) => entry.tag === USER && entry.id === account.uid);
    if (own) own.perm |= SEARCH;
    else entries.push({ tag: USER, perm: SEARCH, id: account.uid });
    const mask = entries.find((entry) => entry.tag === MASK);
    // A new mask lets through what the owning group had, plus this one search bit.
    if (mask) mask.perm |= SEARCH;
    else entries.push({ tag: MASK, perm: entries.find((entry) => entry.tag === GROUP_OBJ)!.perm | SEARCH, id: UNDEFINED_ID });
    setAttributeSync(folder, ACL_ATTRIBUTE, encodeAcl(entries));
  } catch (error) {
    const code = (error as { code?: string }).code ?? (error as Error).message;
    throw new StartupError(
      `PostgreSQL runs as the user "${account.name}" (it refuses root), which cannot enter ${folder} (mode ${mode}, owner uid ${stat.uid}) ` +
        `on the way to ${target.what} ${target.path}, and no ACL can be set there (${code}): run \`chmod o+x ${folder}\`, ` +
        `or put ${target.what} in a folder other users can enter`,
    );
  }
  log(
    `granted the user "${account.name}" search-only access (--x, one ACL entry; undo: setfacl -x u:${account.name} ${folder}) to ${folder} ` +
      `(mode ${mode}, owner uid ${stat.uid}), which kept it from ${target.what} ${target.path}: PostgreSQL refuses to run as root, so it runs as "${account.name}"`,
  );
}

function aclOfMode(mode: number): AclEntry[] {
  return [
    { tag: USER_OBJ, perm: (mode >> 6) & 7, id: UNDEFINED_ID },
    { tag: GROUP_OBJ, perm: (mode >> 3) & 7, id: UNDEFINED_ID },
    { tag: OTHER, perm: mode & 7, id: UNDEFINED_ID },
  ];
}

export function decodeAcl(buffer: Buffer): AclEntry[] {
  if (buffer.readUInt32LE(0) !== ACL_VERSION) throw new Error(`unknown ACL version ${buffer.readUInt32LE(0)}`);
  const entries: AclEntry[] = [];
  for (let offset = 4; offset + 8 <= buffer.length; offset += 8) {
    entries.push({ tag: buffer.readUInt16LE(offset), perm: buffer.readUInt16LE(offset + 2), id: buffer.readUInt32LE(offset + 4) });
  }
  return entries;
}

/** Entries in the order the kernel requires: by tag, then by id. */
export function encodeAcl(entries: AclEntry[]): Buffer {
  const sorted = [...entries].sort((a, b) => a.tag - b.tag || a.id - b.id);
  const buffer = Buffer.alloc(4 + 8 * sorted.length);
  buffer.writeUInt32LE(ACL_VERSION, 0);
  sorted.forEach((entry, i) => {
    buffer.writeUInt16LE(entry.tag, 4 + 8 * i);
    buffer.writeUInt16LE(entry.perm, 6 + 8 * i);
    buffer.writeUInt32LE(entry.id, 8 + 8 * i);
  });
  return buffer;
}

export const ACL_TAGS = { USER_OBJ, USER, GROUP_OBJ, GROUP, MASK, OTHER };
