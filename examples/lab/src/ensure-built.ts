import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from '@exaplug/test-support/netns';

/** exaplug's CLI entry that `packages/core/bin/run.js` loads. */
export function builtCliPath(repoDir: string): string {
  return join(repoDir, 'packages/core/dist/cli/commands/run.js');
}

/** Runs `tsc -b` at the repo root when core's dist/ is missing; ExaBGP runs the built CLI. */
export async function ensureBuilt(repoDir: string): Promise<void> {
  if (existsSync(builtCliPath(repoDir))) return;
  const result = await runCommand(join(repoDir, 'node_modules/.bin/tsc'), ['-b', join(repoDir, 'tsconfig.json')], 300_000);
  if (result.code !== 0 || !existsSync(builtCliPath(repoDir))) {
    throw new Error(`exaplug is not built (${builtCliPath(repoDir)} missing): ${result.stdout}${result.stderr}`);
  }
}
