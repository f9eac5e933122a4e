import { describe, expect, it } from 'vitest';
import { authorOf, recordAsOf, type AuditEntry } from './recordAsOf';

const entry = (id: string, action: string, changes: AuditEntry['changes']): AuditEntry => ({
  id,
  at: `2026-01-0${id}T00:00:00Z`,
  action,
  changes,
});

// Oldest to newest, then reversed: the API lists newest first.
const trail = [
  entry('1', 'create', { text: [null, 'first'], status: [null, 'draft'], notes: [null, null] }),
  entry('2', 'update', { text: ['first', 'second'] }),
  entry('3', 'update', { status: ['draft', 'published'], notes: [null, 'checked'] }),
  entry('4', 'update', { text: ['second', 'third'] }),
  entry('5', 'delete', { deletedAt: [null, '2026-01-05T00:00:00Z'] }),
  entry('6', 'restore', { deletedAt: ['2026-01-05T00:00:00Z', null] }),
].reverse();

const current = { id: 's1', text: 'third', status: 'published', notes: 'checked', deletedAt: null, version: 7 };

describe('recordAsOf', () => {
  it('is the current record at the newest entry', () => {
    expect(recordAsOf(current, trail, '6')).toEqual(current);
  });

  it('undoes a delete and its restore to show the deleted record', () => {
    expect(recordAsOf(current, trail, '5')).toEqual({ ...current, deletedAt: '2026-01-05T00:00:00Z' });
    expect(recordAsOf(current, trail, '4')).toEqual({ ...current, deletedAt: null });
  });

  it('undoes several updates, newest first', () => {
    expect(recordAsOf(current, trail, '3')).toEqual({ ...current, text: 'second' });
    expect(recordAsOf(current, trail, '2')).toEqual({ ...current, text: 'second', status: 'draft', notes: null });
  });

  it('follows a field changed twice back to its first value', () => {
    expect(recordAsOf(current, trail, '1')).toEqual({ ...current, text: 'first', status: 'draft', notes: null });
  });

  it('keeps fields never in the trail and leaves the current record untouched', () => {
    const before = structuredClone(current);
    expect(recordAsOf(current, trail, '1')?.version).toBe(7);
    expect(current).toEqual(before);
  });

  it('is undefined for an entry not in the trail', () => {
    expect(recordAsOf(current, trail, 'nope')).toBeUndefined();
  });
});

describe('authorOf', () => {
  it('names the author when the reader may know, else says staff or system', () => {
    expect(authorOf({ userId: 'u1', userName: 'Lena', userEmail: 'lena@example.org' })).toBe('Lena');
    expect(authorOf({ userId: 'u1', userName: '', userEmail: 'lena@example.org' })).toBe('lena@example.org');
    expect(authorOf({ userId: 'u1', userName: null, userEmail: null })).toBe('staff');
    expect(authorOf({ userId: null, userName: null, userEmail: null })).toBe('system');
  });
});
