/** What a run of the oracle did: sequences, steps, violations, and how fast each route server converged. */
export class OracleStats {
  sequences = 0;
  steps = 0;
  violations = 0;
  /** Sequences that failed otherwise: a step threw (a session or process never came up, a refused request). */
  errors = 0;
  /** Steps after which the model's table differed from the one before: the ones convergence is timed on. */
  changes = 0;
  /** Per route server: ms from each step that changed the model's table to the table equalling it. */
  readonly convergence = new Map<string, number[]>();
  /** Per route server: steps whose bound passed without its table equalling the model. */
  readonly misses = new Map<string, number>();

  /** Steps by kind (`fail`, `reload moveIp`, `SIGKILL`, …): what a run actually exercised. */
  readonly kinds = new Map<string, number>();

  recordStep(step: string, convergedAfterMs: ReadonlyMap<string, number | undefined>, changedTable: boolean): void {
    this.steps++;
    const reload = /^reload \(\w+\): (\w+)/.exec(step);
    const kind = reload ? `reload ${reload[1]}` : (/^(restart (?:ExaBGP|route server)|SIGKILL|respawned|config fixed|\w+)/.exec(step)?.[1] ?? step);
    this.kinds.set(kind, (this.kinds.get(kind) ?? 0) + 1);
    if (changedTable) this.changes++;
    for (const [server, ms] of convergedAfterMs) {
      if (ms === undefined) this.misses.set(server, (this.misses.get(server) ?? 0) + 1);
      else if (changedTable) this.convergence.set(server, [...(this.convergence.get(server) ?? []), ms]);
    }
  }
}

/** The q-quantile (0..1) by nearest rank; undefined for no samples. */
export function quantile(samples: readonly number[], q: number): number | undefined {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** The end-of-run table, one row per route server, then the summary line. */
export function formatStats(stats: OracleStats): string {
  const rows = [['route server', 'steps', 'not converged', 'timed (table changed)', 'p50', 'p99', 'max']];
  const servers = new Set([...stats.convergence.keys(), ...stats.misses.keys()]);
  for (const server of servers) {
    const samples = stats.convergence.get(server) ?? [];
    const ms = (value: number | undefined) => (value === undefined ? '-' : `${(value / 1000).toFixed(2)} s`);
    const misses = stats.misses.get(server) ?? 0;
    rows.push([server, String(stats.steps), String(misses), String(samples.length), ms(quantile(samples, 0.5)), ms(quantile(samples, 0.99)), ms(quantile(samples, 1))]);
  }
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  const table = [line(rows[0] as string[]), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.slice(1).map(line)];
  const kinds = [...stats.kinds].sort(([a], [b]) => (a < b ? -1 : 1)).map(([kind, count]) => `${kind} ${count}`);
  const errors = stats.errors > 0 ? `\n${stats.errors} sequences failed without a table mismatch (see above)` : '';
  return `${table.join('\n')}\nsteps by kind: ${kinds.join(', ')}${errors}\nsoak: ${stats.sequences} sequences, ${stats.steps} steps, ${stats.violations} violations`;
}
