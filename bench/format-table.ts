/** One line of the results table: a figure, and where there is one, its ratio to the baseline of the same run. */
export interface Row {
  what: string;
  figure: string;
  ratio?: number;
  versus: string;
  goal: string;
  met?: boolean;
}

/** A Markdown table, as the README quotes it. */
export function formatTable(rows: readonly Row[]): string {
  const lines = ['| what | figure | ratio | against | goal | met |', '| --- | --- | --- | --- | --- | --- |'];
  for (const row of rows) {
    const ratio = row.ratio === undefined ? '' : `${row.ratio >= 10 ? row.ratio.toFixed(0) : row.ratio.toFixed(2)}×`;
    const met = row.met === undefined ? '' : row.met ? 'yes' : '**no**';
    lines.push(`| ${row.what} | ${row.figure} | ${ratio} | ${row.versus} | ${row.goal} | ${met} |`);
  }
  return lines.join('\n');
}
