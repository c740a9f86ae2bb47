import { execFile, spawn } from 'node:child_process';
import { openSync, closeSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Output of a finished command. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program to completion; never throws for a non-zero exit (the caller decides). */
export function runCommand(file: string, args: readonly string[], timeoutMs = 10_000): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** Runs a program and throws with its stderr when it fails. */
export async function runChecked(file: string, args: readonly string[], timeoutMs?: number): Promise<string> {
  const result = await runCommand(file, args, timeoutMs);
  if (result.code !== 0) {
    throw new Error(`${file} ${args.join(' ')} exited ${result.code}: ${result.stderr.trim() || result.stdout.trim()}`);
  }
  return result.stdout;
}

/** Runs `ip netns exec NS program args…`. */
export function runInNamespace(ns: string, file: string, args: readonly string[], timeoutMs?: number): Promise<CommandResult> {
  return runCommand('ip', ['netns', 'exec', ns, file, ...args], timeoutMs);
}

/** Why network namespaces cannot be used here, or undefined when they can. */
export async function explainNetnsUnavailable(): Promise<string | undefined> {
  if (process.getuid?.() !== 0) return 'network namespaces need root (run the lab as root)';
  const probe = `xp-probe-${process.pid}`;
  const added = await runCommand('ip', ['netns', 'add', probe]);
  if (added.code !== 0) return `ip netns add failed: ${added.stderr.trim()}`;
  await runCommand('ip', ['netns', 'del', probe]);
  return undefined;
}

/**
 * Sets net.* sysctls inside a namespace (`{ 'ipv6/conf/all/forwarding': '1' }`). Written
 * through /proc/sys, which follows the writer's namespace: no dependency on procps.
 */
export async function setNamespaceSysctls(ns: string, values: Record<string, string>): Promise<void> {
  const script = Object.entries(values)
    .map(([key, value]) => `echo ${value} > /proc/sys/net/${key}`)
    .join(' && ');
  await runChecked('ip', ['netns', 'exec', ns, 'sh', '-c', script]);
}

/** Creates a namespace with `lo` up and DAD off (new IPv6 addresses are usable at once). */
export async function addNamespace(ns: string): Promise<void> {
  await runChecked('ip', ['netns', 'add', ns]);
  // DAD keeps fresh addresses "tentative" for ~1.2 s: bind() would fail meanwhile.
  await setNamespaceSysctls(ns, { 'ipv6/conf/all/accept_dad': '0', 'ipv6/conf/default/accept_dad': '0' });
  await runChecked('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
}

/** Names of the existing namespaces that start with `prefix`. */
export async function listNamespaces(prefix: string): Promise<string[]> {
  const { stdout } = await runCommand('ip', ['netns', 'list']);
  return stdout
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => name.startsWith(prefix));
}

/** PIDs of the processes living in a namespace. */
export async function listNamespacePids(ns: string): Promise<number[]> {
  const { stdout } = await runCommand('ip', ['netns', 'pids', ns]);
  return stdout.split('\n').filter(Boolean).map(Number);
}

/** True while the process exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** Signals a PID and waits for it to go; SIGKILL after `graceMs`. */
export async function stopPid(pid: number, signal: NodeJS.Signals = 'SIGTERM', graceMs = 5000): Promise<void> {
  if (!isAlive(pid)) return;
  try {
    process.kill(pid, signal);
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        return;
      }
      await sleep(20);
      return;
    }
    await sleep(10);
  }
}

/**
 * Stops every process inside the namespaces starting with `prefix` and deletes them.
 * Idempotent: also cleans up after a crashed run.
 */
export async function deleteNamespaces(prefix: string): Promise<void> {
  const names = await listNamespaces(prefix);
  const pids = (await Promise.all(names.map(listNamespacePids))).flat();
  await Promise.all(pids.map((pid) => stopPid(pid, 'SIGTERM', 3000)));
  for (const ns of names) await runCommand('ip', ['netns', 'del', ns]);
}

/** A daemon started in a namespace. */
export interface NamespaceDaemon {
  readonly pid: number;
  /** Resolves once the process has exited. */
  readonly exited: Promise<void>;
  /** SIGTERM (or `signal`), SIGKILL after `graceMs`; resolves when it is gone. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  cwd: string;
  /** stdout and stderr are appended here. */
  logFile: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Starts a foreground daemon inside a namespace in its own session. `ip netns exec`
 * execs the program without forking, so the returned PID is the daemon's own.
 * The child stays referenced (a parent exiting early would orphan it); a caller that
 * wants to leave daemons running ends with `process.exit()`.
 */
export function spawnInNamespace(ns: string, argv: readonly string[], options: SpawnOptions): NamespaceDaemon {
  const fd = openSync(options.logFile, 'a');
  const child = spawn('ip', ['netns', 'exec', ns, ...argv], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  if (child.pid === undefined) throw new Error(`could not start ${argv.join(' ')} in ${ns}`);
  const pid = child.pid;
  let hasExited = false;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      hasExited = true;
      resolve();
    });
    child.once('error', () => {
      hasExited = true;
      resolve();
    });
  });
  return {
    pid,
    exited,
    async stop(signal = 'SIGTERM', graceMs = 5000) {
      if (hasExited) return;
      try {
        process.kill(pid, signal);
      } catch {
        return;
      }
      // The timer keeps the event loop alive until the exit event has arrived.
      const timer = setTimeout(() => {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
