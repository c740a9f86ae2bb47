// The built code, as it runs in production (tsx's transform adds helpers of its own):
// `@exaplug/protocol` resolves to its dist/ here (no `@exaplug/source` condition).
import { parseExabgpLine } from '@exaplug/protocol';
import { readFixture as fixture } from '../packages/protocol/test/fixtures.js';

/** One comparison: lines per second of each side (medians) and the median of the per-round ratios. */
export interface ParseComparison {
  lines: number;
  exaplug: number;
  jsonParse: number;
  /** Median over the rounds of exaplug ÷ JSON.parse, each round measured side by side. */
  ratio: number;
  ratioMin: number;
  ratioMax: number;
  rounds: number;
}

/** Keeps the results alive, so that no engine can skip a parse whose value nobody reads. */
let sink = 0;

/** CPU microseconds this process has used: unlike the wall clock, it does not count the time other processes had the core. */
function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** Lines per CPU-second of `body` over `lines`, during about `ms` of CPU time. */
function linesPerSecond(lines: readonly string[], body: (line: string) => unknown, ms: number): number {
  let done = 0;
  const startedAt = cpuMicros();
  let elapsed = 0;
  do {
    for (const line of lines) if (body(line) !== undefined) sink++;
    done += lines.length;
    elapsed = cpuMicros() - startedAt;
  } while (elapsed < ms * 1000);
  return done / (elapsed / 1e6);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * `exaplug` against `baseline` over the same lines: after a warm-up, `rounds` rounds of
 * A B B A (so a drift of the machine's speed within a round cancels out), timed in CPU
 * time (a shared machine steals wall time, not CPU time), one ratio per round, and the
 * median of those. A single best-of pass per side, in wall time, swung 0.49–0.66×.
 */
export function compareParsers(lines: readonly string[], exaplug: (line: string) => unknown, baseline: (line: string) => unknown, { rounds = 15, ms = 50 } = {}): ParseComparison {
  linesPerSecond(lines, exaplug, 300);
  linesPerSecond(lines, baseline, 300);
  const ours: number[] = [];
  const theirs: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const a1 = linesPerSecond(lines, exaplug, ms);
    const b1 = linesPerSecond(lines, baseline, ms);
    const b2 = linesPerSecond(lines, baseline, ms);
    const a2 = linesPerSecond(lines, exaplug, ms);
    ours.push((a1 + a2) / 2);
    theirs.push((b1 + b2) / 2);
    ratios.push((a1 + a2) / (b1 + b2));
  }
  if (sink < 0) throw new Error('unreachable');
  return { lines: lines.length, exaplug: median(ours), jsonParse: median(theirs), ratio: median(ratios), ratioMin: Math.min(...ratios), ratioMax: Math.max(...ratios), rounds };
}

/** JSON.parse where the line is JSON; ExaBGP 4.2 writes some with raw control characters. */
function parseJsonLine(line: string): unknown {
  if (!line.startsWith('{')) return line;
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
}

/** The JSON update lines of the 4.2 and 5.0 captures, and their whole mixed streams. */
export function parseBenchLines(): { updates: string[]; stream: string[] } {
  const stream = ['exabgp-4.2/json/stream.raw', 'exabgp-5.0/json/stream.raw'].flatMap((path) => fixture(path).split('\n').filter((line) => line.length > 0));
  const updates = stream.filter((line) => line.includes('"type": "update"') || line.includes('"type":"update"'));
  return { updates, stream };
}

/** parseExabgpLine against a bare JSON.parse of the same lines: update lines only, and the whole mixed stream. */
export function measureParse(): { updates: ParseComparison; mixed: ParseComparison } {
  const { updates, stream } = parseBenchLines();
  return {
    updates: compareParsers(updates, parseExabgpLine, (line) => JSON.parse(line)),
    // On the mixed stream the baseline parses only the JSON lines (acks and text need no JSON).
    mixed: compareParsers(stream, parseExabgpLine, parseJsonLine),
  };
}

// `node --import tsx bench/parse.ts` prints this row alone (the full table is `npm run bench`).
if (import.meta.url === `file://${process.argv[1]}`) {
  const { updates, mixed } = measureParse();
  for (const [what, row] of [['update lines', updates], ['mixed stream', mixed]] as const) {
    console.log(`${what}: exaplug ${Math.round(row.exaplug).toLocaleString('en')} lines/s, JSON.parse ${Math.round(row.jsonParse).toLocaleString('en')} lines/s, ratio ${row.ratio.toFixed(2)}× (${row.ratioMin.toFixed(2)}–${row.ratioMax.toFixed(2)}, ${row.rounds} rounds, ${row.lines} lines)`);
  }
}
