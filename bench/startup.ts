import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exaplugBin, servicesConfig, startExaplug } from './exaplug-under-fake-exabgp.js';
import { median } from './measure-process.js';
// Whether `exaplug run` starts from the bundle, as bin/run.js decides (fresh: newer than the last tsc -b).
import { bundleIsFresh } from '../packages/core/bin/load-bundle.js';

/** Wall time of a process from spawn to exit, in ms. */
function timeProcess(args: string[]): Promise<number> {
  const startedAt = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', () => resolve(performance.now() - startedAt));
  });
}

/** `exaplug validate` of a config with `count` http services, against `node -e 0`, interleaved; medians of `runs`. */
export async function measureValidate(dir: string, count: number, runs = 3) {
  const configFile = join(dir, 'validate.yaml');
  await writeFile(configFile, servicesConfig(count, () => `{ use: http, with: { url: 'http://127.0.0.1:1/health' } }`));
  const validate: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    validate.push(await timeProcess([exaplugBin, 'validate', '--config', configFile]));
    bare.push(await timeProcess(['-e', '0']));
  }
  return { validateMs: median(validate), nodeMs: median(bare) };
}

/**
 * From spawn to the first command on stdout (ExaBGP answering at once), against `node -e 0`,
 * interleaved (exaplug, node, exaplug, …): medians of `runs` of each, and the median of the
 * per-round ratios.
 */
export async function measureSpawn(dir: string, runs = 7) {
  const configFile = join(dir, 'spawn.yaml');
  await writeFile(configFile, servicesConfig(3, () => `{ use: file, with: { path: ${JSON.stringify(configFile)} } }`));
  const first: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    const exaplug = startExaplug(configFile);
    first.push(await exaplug.firstCommand);
    await exaplug.stop();
    bare.push(await timeProcess(['-e', '0']));
  }
  return { firstCommandMs: median(first), nodeMs: median(bare), ratio: median(first.map((ms, i) => ms / (bare[i] as number))), runs, bundled: bundleIsFresh(), first, bare };
}
