/** A plain number, signed or not, with an optional fraction: `-2`, `+1`, `-1.5`, `0.25`. */
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;
/** What a spreadsheet reads as the start of a formula (or of a DDE payload after a tab or CR). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralises spreadsheet formula injection: a cell that a spreadsheet would evaluate gets a
 * leading `'`, its text otherwise kept. Plain numbers such as a stance of `-2` stay numbers.
 * The import removes that `'` again.
 */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}
