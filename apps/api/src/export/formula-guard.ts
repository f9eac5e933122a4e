/** A plain number, signed or not, with an optional fraction: `-2`, `+1`, `-1.5`, `0.25`. */
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;
/** What a spreadsheet reads as the start of a formula (or of a DDE payload after a tab or CR). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** What the import takes for a guarded cell: one `'` to remove, then maybe the text's own `'`s, then a formula start. */
const GUARDED = /^'+[=+\-@\t\r]/;

/**
 * Neutralises spreadsheet formula injection: a cell that a spreadsheet would evaluate gets a
 * leading `'`, its text otherwise kept. Plain numbers such as a stance of `-2` stay numbers.
 * A text that itself begins with `'` and then a formula start (`'=x`) gets one too, so that the
 * import, which removes one `'` from such a cell (`restoreFormula`), gives back every text exactly.
 */
export function neutraliseFormula(cell: string): string {
  return (FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell)) || GUARDED.test(cell) ? `'${cell}` : cell;
}

/** Undoes `neutraliseFormula` for a cell read back by an import: `'=SUM(1)` → `=SUM(1)`, `''=x` → `'=x`. */
export function restoreFormula(cell: string): string {
  return GUARDED.test(cell) ? cell.slice(1) : cell;
}
