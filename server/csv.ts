/** One CSV value: a string, a number, or nothing (an empty cell). */
export type CsvValue = string | number | null;

/**
 * RFC 4180 quoting. A text that starts with = + - @, a tab or a carriage return is prefixed with '
 * so that spreadsheets show it instead of running it as a formula (CSV injection).
 */
export function csvCell(value: CsvValue): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document: CRLF line ends, a final line end, as RFC 4180 and spreadsheets expect. */
export function csvDocument(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
