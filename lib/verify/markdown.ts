/** Markdown of the reports: one escaping of table cells, one table layout. Pure. */

/** A table cell: pipes escaped, line breaks as spaces (either would break the row). */
export const markdownCell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A table: header, separator, one line per row, ending in a line break; `empty` when there is no row. */
export function markdownTable(header: string[], rows: string[][], empty = '_none_\n'): string {
  if (rows.length === 0) return empty;
  return (
    [
      `| ${header.join(' | ')} |`,
      `|${header.map(() => '---').join('|')}|`,
      ...rows.map((r) => `| ${r.map(markdownCell).join(' | ')} |`),
    ].join('\n') + '\n'
  );
}
