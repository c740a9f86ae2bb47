// Measuring one process that makes many checks a second, exaplug or a bare client, the same
// way: CPU (% of a core) over a window after a warm-up, and its memory. http-services.ts
// interleaves them.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { servicesConfig, startExaplug } from './exaplug-under-fake-exabgp.js';
import { cpuPercentOver, memoryOf, sleep } from './measure-process.js';

/** One process making `count` checks a second: its CPU (% of a core) in steady state and its memory. */
export interface SteadyState {
  cpuPercent: number;
  rssMiB: number;
  peakMiB: number;
}

const warmUpMs = 4000;
const windowMs = 10_000;

async function measureSteady(pid: number): Promise<SteadyState> {
  await sleep(warmUpMs);
  const cpuPercent = await cpuPercentOver(pid, windowMs);
  return { cpuPercent, ...(await memoryOf(pid)) };
}

/** A plain Node client script (clients/*.mjs) as a child, measured like exaplug. */
export async function measureClient(script: string, args: string[]): Promise<SteadyState> {
  const child = spawn(process.execPath, [fileURLToPath(new URL(`./clients/${script}`, import.meta.url)), ...args], { stdio: 'ignore' });
  try {
    return await measureSteady(child.pid as number);
  } finally {
    child.kill('SIGKILL');
  }
}

/** `exaplug run` with `count` services of the given check, behind a stand-in ExaBGP that acks everything. */
export async function measureExaplug(dir: string, name: string, count: number, check: (index: number) => string): Promise<SteadyState & { announced: number }> {
  const configFile = join(dir, `${name}.yaml`);
  await writeFile(configFile, servicesConfig(count, check));
  const exaplug = startExaplug(configFile);
  try {
    const steady = await measureSteady(exaplug.child.pid as number);
    return { ...steady, announced: exaplug.announced() };
  } finally {
    await exaplug.stop();
  }
}
