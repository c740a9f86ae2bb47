import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NginxHandle } from '@exaplug/test-support/nginx';
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
async function measureClient(script: string, args: string[]): Promise<SteadyState> {
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

/** The first rows of issue #11: 1000 HTTP checks a second, exaplug beside Node's floors. */
export async function measureManyServices(nginx: NginxHandle, dir: string, count: number) {
  const url = nginx.url('/health');
  const http = (extra: string) => () => `{ use: http, with: { url: '${url}', timeout: 1s${extra} } }`;
  return {
    nodeKeepAlive: await measureClient('keepalive-client.mjs', [url, String(count), '1000']),
    rawSockets: await measureClient('raw-client.mjs', ['127.0.0.1', String(nginx.httpPort), String(count), '1000']),
    httpKeepAlive: await measureExaplug(dir, 'http-keepalive', count, http(', watch: false')),
    httpKeepAliveWatch: await measureExaplug(dir, 'http-keepalive-watch', count, http('')),
    httpNewConnection: await measureExaplug(dir, 'http-new-connection', count, http(', keepAlive: false, watch: false')),
    file: await measureExaplug(dir, 'file', count, () => `{ use: file, with: { path: ${JSON.stringify(join(dir, 'file.yaml'))} } }`),
    // What the file checks cost without exaplug: the framework's overhead is the difference.
    bareAccess: await measureClient('access-client.mjs', [join(dir, 'file.yaml'), String(count), '1000']),
  };
}
