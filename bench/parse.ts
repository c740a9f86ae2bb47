// The built code, as it runs in production (tsx's transform adds helpers of its own).
import { parseExabgpLine } from '../packages/core/dist/protocol/parse-exabgp-line.js';
import { readFixture as fixture } from '../packages/core/test/fixtures.js';

/** Lines per second of `body` over `lines`, best of a few passes after a warm-up. */
function linesPerSecond(lines: string[], body: (line: string) => unknown, minMs = 400): number {
  let best = 0;
  for (let pass = 0; pass < 5; pass++) {
    let done = 0;
    const startedAt = performance.now();
    while (performance.now() - startedAt < minMs) {
      for (const line of lines) body(line);
      done += lines.length;
    }
    best = Math.max(best, done / ((performance.now() - startedAt) / 1000));
  }
  return best;
}

/** JSON.parse where the line is JSON; ExaBGP 4.2 writes some with raw control characters. */
function parseJsonLine(line: string): unknown {
  if (!line.startsWith('{')) return line;
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/** parseExabgpLine against a bare JSON.parse of the same lines: update lines only, and the whole mixed stream. */
export function measureParse() {
  const stream = ['exabgp-4.2/json/stream.raw', 'exabgp-5.0/json/stream.raw'].flatMap((path) => fixture(path).split('\n').filter((line) => line.length > 0));
  const updates = stream.filter((line) => line.includes('"type": "update"') || line.includes('"type":"update"'));
  const parse = (line: string) => parseExabgpLine(line);
  return {
    updates: { lines: updates.length, exaplug: linesPerSecond(updates, parse), jsonParse: linesPerSecond(updates, (line) => JSON.parse(line)) },
    // On the mixed stream the baseline parses only the JSON lines (acks and text need no JSON).
    mixed: { lines: stream.length, exaplug: linesPerSecond(stream, parse), jsonParse: linesPerSecond(stream, parseJsonLine) },
  };
}
