import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from '@exaplug/test-support/netns';

/** The newest file under a dist folder: `tsc -b` rewrites only the outputs that changed. */
function newestMtime(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).reduce((newest, file) => {
    const stat = statSync(join(dir, file));
    return stat.isFile() ? Math.max(newest, stat.mtimeMs) : newest;
  }, 0);
}

/**
 * Which exaplug a bench measured: the commit, how many files of core and check-http differed
 * from it, and when their dist was last written (ExaBGP runs the built CLI).
 */
export async function describeBuild(repoDir: string): Promise<string> {
  const head = await runCommand('git', ['-C', repoDir, 'rev-parse', '--short', 'HEAD']);
  const dirty = await runCommand('git', ['-C', repoDir, 'status', '--porcelain', '--', 'packages/core/src', 'packages/check-http/src']);
  const changed = dirty.stdout.split('\n').filter(Boolean).length;
  const builtMs = Math.max(...['packages/core/dist', 'packages/check-http/dist'].map((dir) => newestMtime(join(repoDir, dir))));
  return `commit ${head.stdout.trim() || 'unknown'}${changed ? ` + ${changed} uncommitted files in core/check-http src` : ''}, dist last written ${new Date(builtMs).toISOString()}`;
}
