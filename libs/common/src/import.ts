/** One problem of a CSV import: `row` counts data records from 1 (0 is the header); `field` is the CSV column. */
export interface ImportError {
  row: number;
  field: string;
  message: string;
}

/** The answer of every CSV import (`POST /api/<resource>/import`), 200 and 400 alike. */
export interface ImportResult {
  created: number;
  updated: number;
  errors: ImportError[];
}
