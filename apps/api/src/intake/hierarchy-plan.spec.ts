import type { ImportError } from './csv-import';
import { HierarchyRow, planHierarchy } from './hierarchy-plan';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const row = (n: number, slug: string, parentSlug: string | null | undefined, rowId: string | null = null): HierarchyRow => ({
  row: n,
  id: rowId,
  slug,
  parentSlug,
});

describe('planHierarchy', () => {
  it('orders parents first, matching rows by id, then slug, else creating them', () => {
    const errors: ImportError[] = [];
    const existing = [{ id: id(1), slug: 'root', parentId: null }];
    const rows = [row(1, 'grandchild', 'child'), row(2, 'child', 'root', id(9)), row(3, 'root', null)];
    const plan = planHierarchy(rows, existing, 'actor', errors);
    expect(errors).toEqual([]);
    expect(plan.targets[1]).toEqual({ id: id(9), exists: false });
    expect(plan.targets[2]).toEqual({ id: id(1), exists: true });
    expect(plan.order).toEqual([2, 1, 0]);
    expect(plan.parentOf.get(plan.targets[0].id)).toBe(id(9));
  });

  it('keeps the stored parent when the file has no parentSlug column', () => {
    const existing = [
      { id: id(1), slug: 'a', parentId: null },
      { id: id(2), slug: 'b', parentId: id(1) },
    ];
    const plan = planHierarchy([row(1, 'b', undefined), row(2, 'a', undefined)], existing, 'topic', []);
    expect(plan.parentOf.get(id(2))).toBe(id(1));
    expect(plan.order).toEqual([1, 0]);
  });

  it('reports unknown parents, cycles through stored rows, duplicates and slugs of other records', () => {
    const errors: ImportError[] = [];
    const existing = [
      { id: id(1), slug: 'a', parentId: null },
      { id: id(2), slug: 'b', parentId: id(1) },
      { id: id(3), slug: 'taken', parentId: null },
      { id: id(5), slug: 'renamed', parentId: null },
    ];
    planHierarchy([row(1, 'a', 'b'), row(2, 'x', 'nowhere'), row(3, 'x', null), row(4, 'taken', null, id(5))], existing, 'topic', errors);
    expect(errors).toEqual([
      { row: 3, field: 'slug', message: 'appears twice: also in row 2' },
      { row: 4, field: 'slug', message: `already belongs to another topic (${id(3)})` },
      { row: 2, field: 'parentSlug', message: 'no topic has the slug nowhere' },
      { row: 1, field: 'parentSlug', message: 'makes a cycle: a > b > a' },
    ]);
  });
});
