import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from '@exaplug/test-support/netns';

/** What ExaBGP's process loads: core's CLI (`packages/core/bin/run.js`) and the http check. */
export function builtEntries(repoDir: string): string[] {
  return ['packages/core/dist/cli/commands/run.js', 'packages/check-http/dist/index.js'].map((path) => join(repoDir, path));
}

/** Runs `tsc -b` at the repo root when a built entry is missing; ExaBGP runs the built CLI. */
export async function ensureBuilt(repoDir: string): Promise<void> {
  const isBuilt = (): boolean => builtEntries(repoDir).every((path) => existsSync(path));
  if (isBuilt()) return;
  const result = await runCommand(join(repoDir, 'node_modules/.bin/tsc'), ['-b', join(repoDir, 'tsconfig.json')], 300_000);
  if (result.code !== 0 || !isBuilt()) {
    throw new Error(`exaplug is not built (${builtEntries(repoDir).join(', ')}): ${result.stdout}${result.stderr}`);
  }
}
