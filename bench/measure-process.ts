import { readFile } from 'node:fs/promises';

const clockTicksPerSecond = 100;

/** CPU seconds (user + system) a process has used; with `children`, also its reaped children's (curl). */
export async function cpuSecondsOf(pid: number, children = false): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
  const own = Number(fields[11]) + Number(fields[12]);
  const reaped = children ? Number(fields[13]) + Number(fields[14]) : 0;
  return (own + reaped) / clockTicksPerSecond;
}

/** Resident memory now and its peak (VmHWM), in MiB. */
export async function memoryOf(pid: number): Promise<{ rssMiB: number; peakMiB: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1]);
  return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
}

/** A process's CPU over a window, as a percentage of one core. */
export async function cpuPercentOver(pid: number, windowMs: number, children = false): Promise<number> {
  const before = await cpuSecondsOf(pid, children);
  const startedAt = performance.now();
  await new Promise((resolve) => setTimeout(resolve, windowMs));
  const after = await cpuSecondsOf(pid, children);
  return ((after - before) / ((performance.now() - startedAt) / 1000)) * 100;
}

/**
 * A shell command that reads an API process's stdin until ExaBGP is gone. Not `sleep` (it
 * outlives ExaBGP, holding its pipes) nor `cat` (it can exit early on the pipe ExaBGP made
 * non-blocking, and ExaBGP respawns it, after five deaths shutting down).
 */
export const readUntilExabgpIsGone = `${process.execPath} -e 'process.stdin.resume()'`;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The middle value (the upper one of an even count); NaN for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
