/**
 * A CSV cell that a spreadsheet opens as text, never as a formula (CWE-1236): a value beginning
 * with `=`, `+`, `-`, `@`, a tab or a carriage return gets an apostrophe in front. A value that
 * already begins with an apostrophe gets one too, so the rule reverses without ambiguity: to
 * re-hash an exported record, drop one leading apostrophe from a cell that has one.
 */
export function spreadsheetSafeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The value a spreadsheet-safe cell stands for: one leading apostrophe dropped. */
export function spreadsheetCellValue(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}

const FORMULA_START = /^[=+\-@\t\r']/;
