import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The ExaBGP captures the tests and benchmarks read: verbatim lines a real ExaBGP 4.2, 5.0
 * and 6.0-dev wrote to its process while talking to a real BIRD 2 (see each version's
 * README). They live in the repository so that a fresh clone passes `npm test` as it stands.
 */
export const fixturesDir = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** The path of a fixture file, `exabgp-4.2/json/state-up.jsonl`. */
export function fixturePath(relativePath: string): string {
  return fileURLToPath(new URL(`./fixtures/${relativePath}`, import.meta.url));
}

/** A fixture file's text. */
export function readFixture(relativePath: string, encoding: BufferEncoding = 'utf8'): string {
  return readFileSync(fixturePath(relativePath), encoding);
}
