import { join } from 'node:path';
import { runCommand } from '@exaplug/test-support/netns';
import type { RouteServerTables } from './converge.js';
import { routeServers } from './topology.js';
import type { RoutePath } from './read-routes.js';

/** RFC 8326's GRACEFUL_SHUTDOWN community, as the parsers write it. */
export const gracefulShutdown = '65535:0';

/**
 * Runs `exaplug drain web` or `exaplug undrain web` against a web node's running exaplug
 * (the built CLI, through the control socket named in the node's exaplug.yaml).
 */
export async function controlExaplug(repoDir: string, runDir: string, command: 'drain' | 'undrain', node: string): Promise<void> {
  const cli = join(repoDir, 'packages/core/bin/run.js');
  const result = await runCommand(process.execPath, [cli, command, 'web', '--config', join(runDir, node, 'exaplug.yaml')], 15_000);
  if (result.code !== 0) throw new Error(`exaplug ${command} web on ${node} failed: ${result.stderr || result.stdout}`);
}

/** Whether a table holds `count` paths from `node`, each tagged GRACEFUL_SHUTDOWN. */
export function holdsDrainedPaths(paths: readonly RoutePath[], node: string, count: number): boolean {
  const fromNode = paths.filter((path) => path.node === node);
  return fromNode.length === count && fromNode.every((path) => path.communities.includes(gracefulShutdown));
}

/** Whether every route server holds the node's drained paths (announced, not yet withdrawn). */
export function isDrainAnnouncedEverywhere(tables: RouteServerTables, node: string, count: number): boolean {
  return routeServers.every((rs) => holdsDrainedPaths(tables[rs], node, count));
}
