import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

// Every process group started through spawnInGroup and not yet known to be gone. Shared
// across copies of @exaplug/core, so the shell can reap groups a plugin started with its own copy.
const registryKey = Symbol.for('exaplug.processGroups');
const globals = globalThis as typeof globalThis & { [registryKey]?: Set<number> };
const liveGroups = (globals[registryKey] ??= new Set<number>());

/** How long a process group gets between SIGTERM and SIGKILL. */
export const defaultKillGraceMs = 500;

const isGroupAlive = (pgid: number) => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

const signalGroup = (pgid: number, signal: NodeJS.Signals) => {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
};

/**
 * Spawns a child as the leader of its own process group (detached), so that it and
 * everything it starts can be killed together with `killProcessTree`, and so that exaplug
 * reaps the group when it stops. Use it instead of `spawn` in checks: a child that ignores
 * SIGTERM, or a shell that leaves a background job, must not outlive its check.
 */
export function spawnInGroup(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  const pgid = child.pid;
  if (pgid !== undefined) {
    liveGroups.add(pgid);
    child.once('exit', () => {
      if (!isGroupAlive(pgid)) liveGroups.delete(pgid);
    });
  }
  return child;
}

/**
 * Kills a process group started by `spawnInGroup` (the child, or its pid): SIGTERM, then
 * SIGKILL to whatever is left after `graceMs`. Resolves once the group is gone. Safe to
 * call on a group that has already exited.
 */
export async function killProcessTree(target: ChildProcess | number, options: { graceMs?: number } = {}): Promise<void> {
  const pgid = typeof target === 'number' ? target : target.pid;
  if (pgid === undefined) return;
  const graceMs = options.graceMs ?? defaultKillGraceMs;
  signalGroup(pgid, 'SIGTERM');
  const deadline = performance.now() + graceMs;
  while (isGroupAlive(pgid) && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  if (isGroupAlive(pgid)) signalGroup(pgid, 'SIGKILL');
  liveGroups.delete(pgid);
}

/** Kills every group spawnInGroup started that may still be alive (exaplug is stopping). */
export async function killAllProcessGroups(options: { graceMs?: number } = {}): Promise<number> {
  const groups = [...liveGroups].filter(isGroupAlive);
  await Promise.all(groups.map((pgid) => killProcessTree(pgid, options)));
  liveGroups.clear();
  return groups.length;
}

/** The last resort at exit (synchronous, no grace): SIGKILL every group still registered. */
export function killAllProcessGroupsNow(): void {
  for (const pgid of liveGroups) signalGroup(pgid, 'SIGKILL');
  liveGroups.clear();
}
