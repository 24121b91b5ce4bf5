// CSV as RFC 4180 has it (comma-separated, CRLF lines, fields with a comma, quote or line break
// quoted, quotes doubled), safe to open in a spreadsheet: a text cell that starts like a formula
// (= + - @, tab, carriage return) gets a leading apostrophe. Pure; tested in tests/js/csv.test.mjs.

/** One cell: numbers as they are, null/undefined empty, text quoted when needed. */
export function csvCell(value, { text = false } = {}) {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let s = String(value);
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Rows of objects → CSV text with a header line.
 * @param {object[]} rows
 * @param {{ key: string, head: string, text?: boolean, get?: (row: object) => unknown }[]} columns
 */
export function toCsv(rows, columns) {
  const lines = [columns.map((c) => csvCell(c.head)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.get ? c.get(row) : row[c.key], { text: c.text })).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
