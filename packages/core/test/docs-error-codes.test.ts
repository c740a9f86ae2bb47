import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../src/errors.js';

/*
 * Issue 19 §4: one meaning per error code. Every `EXAPLUG_…` name in packages/*\/src is either
 * an environment variable (listed below) or an error code with exactly one row in
 * docs/errors.md, and every documented code is used. A code raised from more places than
 * the doc was last checked against fails here, so that its row is read again.
 */

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** `EXAPLUG_…` names that are environment variables, not error codes. */
const environmentVariables = new Set([
  'EXAPLUG_SERVICE', 'EXAPLUG_STATE', 'EXAPLUG_PREVIOUS_STATE', 'EXAPLUG_ROUTES', // hooks (docs/configuration.md)
  'EXAPLUG_BIN', // packages/oracle: which build the soak runs
  'EXAPLUG_TEST_UNSET_PASSWORD', // check-sql's tests
]);

/** Each `EXAPLUG_…` name in non-test sources, with the places that use it (file:line). */
export function codeUsesIn(files: Array<{ path: string; text: string }>): Map<string, string[]> {
  const uses = new Map<string, string[]>();
  for (const { path, text } of files) {
    text.split('\n').forEach((line, index) => {
      for (const match of line.matchAll(/EXAPLUG_[A-Z_]+/g)) uses.set(match[0], [...(uses.get(match[0]) ?? []), `${path}:${index + 1}`]);
    });
  }
  return uses;
}

/** The rows of the docs/errors.md table, by code (a code twice is two rows). */
export function documentedRows(markdown: string): Array<{ code: string; when: string }> {
  return [...markdown.matchAll(/^\| `(EXAPLUG_[A-Z_]+)` \| ([^|]*) \|/gm)].map((match) => ({ code: match[1] as string, when: (match[2] as string).trim() }));
}

function sourceFiles(dir: string): Array<{ path: string; text: string }> {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [{ path: relative(root, path), text: readFileSync(path, 'utf8') }] : [];
  });
}

const sources = readdirSync(join(root, 'packages')).flatMap((pkg) => {
  const src = join(root, 'packages', pkg, 'src');
  return statSync(src, { throwIfNoEntry: false })?.isDirectory() ? sourceFiles(src) : [];
});
const allUses = codeUsesIn(sources);
/** Uses outside errors.ts, the table itself. */
const uses = new Map([...allUses].map(([code, places]) => [code, places.filter((place) => !place.startsWith('packages/core/src/errors.ts:'))] as const));
const rows = documentedRows(readFileSync(join(root, 'docs/errors.md'), 'utf8'));

/**
 * Codes known to carry several meanings, and the places checked against their row in
 * docs/errors.md. A new place must be read against the row (and the row widened, or a new
 * code made) before it is added here.
 */
const severalMeanings: Record<string, string[]> = {
  EXAPLUG_CONTROL_REQUEST: [
    'packages/core/src/adapters/control-connection.ts', // not a request, too long, any uncoded failure
  ],
  EXAPLUG_CONTROL_UNREACHABLE: [
    'packages/core/src/cli/control-command.ts', // nobody answers in the directory
    'packages/core/src/adapters/control-client.ts', // no answer, timeout, not an exaplug socket, no directory
  ],
};

describe('error codes in the code and in docs/errors.md', () => {
  const codes = [...uses.keys()].filter((name) => !environmentVariables.has(name)).sort();

  it('finds the codes it is meant to check', () => {
    expect(codes.length).toBeGreaterThanOrEqual(25);
    expect(codes).toContain('EXAPLUG_CONFIG_INVALID');
  });

  it('documents every code used in packages/*/src, in errors.ts and in one row of docs/errors.md', () => {
    const inDocs = new Set(rows.map((row) => row.code));
    expect(codes.filter((code) => !inDocs.has(code))).toEqual([]);
    expect(codes.filter((code) => !(code in errorCodes))).toEqual([]);
  });

  it('gives each documented code one row with a meaning', () => {
    const seen = new Map<string, number>();
    for (const row of rows) seen.set(row.code, (seen.get(row.code) ?? 0) + 1);
    expect([...seen].filter(([, count]) => count > 1)).toEqual([]);
    expect(rows.filter((row) => row.when.length < 10).map((row) => row.code)).toEqual([]);
  });

  it('uses every documented code somewhere outside errors.ts', () => {
    expect(rows.map((row) => row.code).filter((code) => (uses.get(code) ?? []).length === 0)).toEqual([]);
  });

  it('keeps the codes with several meanings to the places their row was checked against', () => {
    for (const [code, files] of Object.entries(severalMeanings)) {
      const placesNow = [...new Set((uses.get(code) ?? []).map((place) => place.replace(/:\d+$/, '')))].sort();
      expect(placesNow, `${code} is now used in ${placesNow.join(', ')}: read its row in docs/errors.md again`).toEqual([...files].sort());
    }
  });

  it('can fail: an undocumented code, a code twice and an unused one are found', () => {
    const fake = codeUsesIn([{ path: 'x.ts', text: "throw new ExaplugError('EXAPLUG_MADE_UP', 'x');\nenv.EXAPLUG_SERVICE" }]);
    expect([...fake.keys()].filter((name) => !environmentVariables.has(name))).toEqual(['EXAPLUG_MADE_UP']);
    const twice = documentedRows('| `EXAPLUG_A` | one meaning here | x |\n| `EXAPLUG_A` | another meaning | y |\n');
    expect(twice.map((row) => row.code)).toEqual(['EXAPLUG_A', 'EXAPLUG_A']);
    expect(new Set(rows.map((row) => row.code)).has('EXAPLUG_MADE_UP')).toBe(false);
  });
});
