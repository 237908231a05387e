// Every CSV the project writes goes through here, so every cell is defused the same way.
import { stringify } from "csv-stringify/sync";

export type CsvCell = string | number;

/** Records as CSV text, each cell defused (see `defuseCsvCell`). */
export function toCsv(records: CsvCell[][]): string {
  return stringify(records.map((record) => record.map(defuseCsvCell)));
}

// Spreadsheets start a formula at = + - @ (and their fullwidth forms, which some normalise),
// run ; and | as separators or DDE, skip leading whitespace, and treat a leading tab or CR
// as a cell break.
const formulaStart = /^(?:[\t\r]|\s*[=+\-@;|\uFF1D\uFF0B\uFF0D\uFF20])/;

/** A cell a spreadsheet would run as a formula gets a leading apostrophe (CSV injection). */
export function defuseCsvCell(value: CsvCell): CsvCell {
  return typeof value === "string" && formulaStart.test(value) ? `'${value}` : value;
}
