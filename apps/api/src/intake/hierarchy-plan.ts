import { randomUUID } from 'node:crypto';
import type { ImportError } from './csv-import';

/** A row of an actors or topics file: who it is (id, slug) and where it hangs (parent slug). */
export interface HierarchyRow {
  row: number;
  id: string | null;
  slug: string;
  /** undefined: the file has no `parentSlug` column (an update keeps the parent); null: top level. */
  parentSlug: string | null | undefined;
}

/** A row already in the database. */
export interface ExistingNode {
  id: string;
  slug: string;
  parentId: string | null;
}

export interface HierarchyPlan {
  /** Per file row (same index): the id it writes, and whether that row exists already. */
  targets: { id: string; exists: boolean }[];
  /** Slug → id once the import is done. */
  idOfSlug: Map<string, string>;
  /** Id → parent id once the import is done. */
  parentOf: Map<string, string | null>;
  /** Indexes of the file rows, parents before their children. */
  order: number[];
}

/**
 * Matches each row to an existing record (by id, else by slug) or to a new one (its `id`, else a
 * fresh one), resolves parents by slug against the file and the database together, and orders
 * the rows so that every parent is written before its children, by depth in the hierarchy as it
 * will be after the import. At that depth, a row's ancestors are all written already, so no
 * intermediate state has a cycle. Pushes errors for duplicates, slugs taken by other records,
 * unknown parents and cycles; the plan is only meant to be used when there are none.
 */
export function planHierarchy(rows: HierarchyRow[], existing: ExistingNode[], what: string, errors: ImportError[]): HierarchyPlan {
  const byId = new Map(existing.map((node) => [node.id, node]));
  const bySlug = new Map(existing.map((node) => [node.slug, node]));
  const firstRowOfId = new Map<string, number>();
  const firstRowOfSlug = new Map<string, number>();
  const targets = rows.map((row) => {
    const match = (row.id && byId.get(row.id)) || bySlug.get(row.slug);
    return { id: match?.id ?? row.id ?? randomUUID(), exists: !!match };
  });
  rows.forEach((row, i) => {
    const twiceId = firstRowOfId.get(targets[i].id);
    if (twiceId !== undefined)
      errors.push({ row: row.row, field: row.id ? 'id' : 'slug', message: `is the same ${what} as row ${twiceId}` });
    else firstRowOfId.set(targets[i].id, row.row);
    const twiceSlug = firstRowOfSlug.get(row.slug);
    if (twiceSlug !== undefined) errors.push({ row: row.row, field: 'slug', message: `appears twice: also in row ${twiceSlug}` });
    else firstRowOfSlug.set(row.slug, row.row);
  });

  const written = new Set(targets.map((target) => target.id));
  const idOfSlug = new Map<string, string>();
  for (const node of existing) if (!written.has(node.id)) idOfSlug.set(node.slug, node.id);
  rows.forEach((row, i) => {
    if (firstRowOfSlug.get(row.slug) !== row.row) return; // reported as twice already
    const holder = idOfSlug.get(row.slug);
    if (holder && holder !== targets[i].id) {
      errors.push({ row: row.row, field: 'slug', message: `already belongs to another ${what} (${holder})` });
    } else {
      idOfSlug.set(row.slug, targets[i].id);
    }
  });

  const parentOf = new Map(existing.map((node) => [node.id, node.parentId]));
  rows.forEach((row, i) => {
    const { id, exists } = targets[i];
    if (row.parentSlug === undefined) {
      if (!exists) parentOf.set(id, null);
      return;
    }
    if (row.parentSlug === null) {
      parentOf.set(id, null);
      return;
    }
    const parentId = idOfSlug.get(row.parentSlug);
    if (!parentId) errors.push({ row: row.row, field: 'parentSlug', message: `no ${what} has the slug ${row.parentSlug}` });
    parentOf.set(id, parentId ?? null);
  });

  const slugOf = new Map([...idOfSlug].map(([slug, id]) => [id, slug]));
  const depth = rows.map((row, i) => {
    const chain = [targets[i].id];
    for (let at = parentOf.get(targets[i].id); at; at = parentOf.get(at)) {
      if (at === targets[i].id) {
        const names = [...chain, at].map((id) => slugOf.get(id) ?? id);
        errors.push({ row: row.row, field: 'parentSlug', message: `makes a cycle: ${names.join(' > ')}` });
        return Infinity;
      }
      // A cycle above this row, not through it: its own rows report it.
      if (chain.includes(at)) return Infinity;
      chain.push(at);
    }
    return chain.length;
  });
  const order = rows.map((_, i) => i).sort((a, b) => depth[a] - depth[b] || a - b);
  return { targets, idOfSlug, parentOf, order };
}
