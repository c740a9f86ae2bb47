import { writeFileSync } from 'node:fs';

/**
 * The healthcheck's `--pid`, `--group` and `--user`: write the PID file, then drop to the
 * group and the user (group first: a process that is no longer root cannot change group).
 * Unlike the healthcheck, the IPs (when set up) are added later, as the new user: the
 * translation warns of it.
 */
export function applyHostOptions(host: { pidFile?: string; user?: string; group?: string }): void {
  if (host.pidFile !== undefined) writeFileSync(host.pidFile, `${process.pid}\n`);
  if (host.group !== undefined) process.setgid?.(host.group);
  if (host.user !== undefined) process.setuid?.(host.user);
}
