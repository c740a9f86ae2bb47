import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The exaplug ExaBGP runs: `EXAPLUG_BIN` (a `bin/run.js`, e.g. of an older build, to show
 * that the oracle catches what that build got wrong), else this tree's built core.
 */
export function resolveExaplugBin(env: NodeJS.ProcessEnv = process.env): string {
  const bin = env.EXAPLUG_BIN ?? fileURLToPath(new URL('../../core/bin/run.js', import.meta.url));
  const built = new URL('../dist/cli/commands/run.js', `file://${bin}`);
  if (!existsSync(bin) || !existsSync(built)) throw new Error(`${bin} is not a built exaplug (run "npx tsc -b packages/core", or set EXAPLUG_BIN)`);
  return bin;
}

/** A fresh 31-bit seed, or the one asked for. */
export function chooseSeed(asked: string | undefined): number {
  if (asked !== undefined && asked !== '') {
    const seed = Number(asked);
    if (!Number.isInteger(seed)) throw new Error(`seed ${JSON.stringify(asked)} is not an integer`);
    return seed;
  }
  return Math.floor(Math.random() * 2 ** 31);
}
