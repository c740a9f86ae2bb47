// The framework's overhead with a trivial check (issue 21 §3): `exaplug run` with N `file`
// services at 1 s against a bare Node loop making the same fs.promises.access calls at the
// same rate, interleaved (exaplug, bare, exaplug, bare, …), medians of the rounds.
// `node --import tsx bench/file-overhead.ts [rounds]` prints the figures alone.
import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { servicesConfig, startExaplug } from './exaplug-under-fake-exabgp.js';
import { median, sleep } from './measure-process.js';

const clockTicksPerSecond = 100;
const warmUpMs = 4000;
const windowMs = 10_000;

/** The bare loop: N staggered setIntervals, each an access() of the file; nothing else. */
const bareLoop = `const { access } = require('node:fs/promises');
const [path, count, interval] = [process.argv[1], Number(process.argv[2]), Number(process.argv[3])];
for (let i = 0; i < count; i++) setTimeout(() => setInterval(() => void access(path).then(() => true, () => false), interval), (i * interval) / count);`;

/** CPU ticks of a process: the main thread, and every other thread (libuv's pool, V8's GC and compiler threads). */
async function ticksByThread(pid: number): Promise<{ main: number; others: number }> {
  let main = 0;
  let others = 0;
  for (const tid of await readdir(`/proc/${pid}/task`).catch(() => [] as string[])) {
    const stat = await readFile(`/proc/${pid}/task/${tid}/stat`, 'utf8').catch(() => '');
    const fields = stat.split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
    if (tid === String(pid)) main += ticks;
    else others += ticks;
  }
  return { main, others };
}

/** One process's steady CPU, in % of a core: in all, on its main thread, on its other threads. */
export interface ThreadCpu {
  cpuPercent: number;
  mainPercent: number;
  othersPercent: number;
}

async function steadyCpu(pid: number): Promise<ThreadCpu> {
  await sleep(warmUpMs);
  const before = await ticksByThread(pid);
  const startedAt = performance.now();
  await sleep(windowMs);
  const after = await ticksByThread(pid);
  const seconds = (performance.now() - startedAt) / 1000;
  const percent = (ticks: number) => (ticks / clockTicksPerSecond / seconds) * 100;
  const main = percent(after.main - before.main);
  const others = percent(after.others - before.others);
  return { cpuPercent: main + others, mainPercent: main, othersPercent: others };
}

async function measureExaplugFiles(configFile: string, nodeArgs: string[]): Promise<ThreadCpu> {
  const exaplug = startExaplug(configFile, nodeArgs);
  try {
    return await steadyCpu(exaplug.child.pid as number);
  } finally {
    await exaplug.stop();
  }
}

async function measureBareAccess(path: string, count: number): Promise<ThreadCpu> {
  const child = spawn(process.execPath, ['-e', bareLoop, path, String(count), '1000'], { stdio: 'ignore' });
  try {
    return await steadyCpu(child.pid as number);
  } finally {
    child.kill('SIGKILL');
  }
}

/**
 * `count` file services checked every second by exaplug, and the same access() calls alone,
 * `rounds` times interleaved: the medians, and the overhead (exaplug − bare, % of a core).
 */
export async function measureFileOverhead(dir: string, count = 1000, rounds = 3, nodeArgs: string[] = []) {
  const file = join(dir, 'file.yaml');
  await writeFile(file, 'ok\n');
  const configFile = join(dir, 'file-overhead.yaml');
  await writeFile(configFile, servicesConfig(count, () => `{ use: file, with: { path: ${JSON.stringify(file)} } }`));
  const exaplug: ThreadCpu[] = [];
  const bare: ThreadCpu[] = [];
  const overheads: number[] = [];
  for (let round = 0; round < rounds; round++) {
    exaplug.push(await measureExaplugFiles(configFile, nodeArgs));
    bare.push(await measureBareAccess(file, count));
    overheads.push(exaplug[round]!.cpuPercent - bare[round]!.cpuPercent);
  }
  const medianOf = (runs: ThreadCpu[]): ThreadCpu => ({
    cpuPercent: median(runs.map((run) => run.cpuPercent)),
    mainPercent: median(runs.map((run) => run.mainPercent)),
    othersPercent: median(runs.map((run) => run.othersPercent)),
  });
  return { count, rounds, exaplug: medianOf(exaplug), bare: medianOf(bare), overheadPercent: median(overheads), runs: { exaplug, bare } };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const dir = await mkdtemp(join(tmpdir(), 'exaplug-file-overhead-'));
  try {
    console.log(JSON.stringify(await measureFileOverhead(dir, 1000, Number(process.argv[2] ?? 3)), null, 1));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
