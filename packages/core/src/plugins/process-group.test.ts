import { describe, expect, it } from 'vitest';
import { killAllProcessGroups, killProcessTree, spawnInGroup } from './process-group.js';

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('process groups for checks', () => {
  it('kills a child and its children, with SIGKILL after the grace when SIGTERM is ignored', async () => {
    const child = spawnInGroup('/bin/sh', ['-c', "trap '' TERM; sleep 30 & sleep 30 & wait"], { stdio: 'ignore' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    await killProcessTree(child, { graceMs: 200 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(isAlive(child.pid as number)).toBe(false);
  });

  it('reaps every group still alive when exaplug stops', async () => {
    const children = [1, 2].map(() => spawnInGroup('/bin/sh', ['-c', "trap '' TERM; sleep 30"], { stdio: 'ignore' }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await killAllProcessGroups({ graceMs: 100 })).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(children.map((child) => isAlive(child.pid as number))).toEqual([false, false]);
  });
});
