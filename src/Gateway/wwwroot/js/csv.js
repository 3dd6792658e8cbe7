// CSV files made in the browser from data a view already shows (RFC 4180: CRLF, fields quoted when needed), saved
// through a temporary object URL: nothing is fetched again, so the file holds exactly the numbers on screen.

/** Saves `rows` (arrays of strings and numbers) as `name`. */
export function downloadCsv(name, rows) {
  const blob = new Blob([`${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the click; the URL is no longer needed once the event loop moves on.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * One field. Zone ids and class names come from users and devices: text that a spreadsheet would read as a formula
 * (= + - @, tab, carriage return first) gets a leading apostrophe; numbers stay numbers.
 */
export function csvField(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
