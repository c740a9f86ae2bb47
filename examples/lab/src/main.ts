/**
 * `npm run lab`: starts the lab, prints both route servers' tables and tears it down.
 *   --keep            leave it running (namespaces xp-*; `ip netns exec xp-c1 curl http://[2001:db8:30::1]/`)
 *   --down            tear down a kept lab
 *   --process NAME    exaplug (default) | healthcheck | standin
 *   --check NAME      exaplug's check: exec (curl, default) | http (@exaplug/check-http)
 */
import { parseArgs } from 'node:util';
import { deleteNamespaces } from '@exaplug/test-support/netns';
import { readTables, waitForConvergence, waitForDataPlane } from './converge.js';
import { ensureBuilt } from './ensure-built.js';
import { createLabNames } from './lab-names.js';
import { fastTiming, type ProcessSpec } from './process-spec.js';
import { askService } from './read-routes.js';
import { formatRoutes } from './route-view.js';
import { repoDir, startLab, type Lab } from './start-lab.js';
import { serviceIps } from './topology.js';

const { values } = parseArgs({
  options: {
    keep: { type: 'boolean', default: false },
    down: { type: 'boolean', default: false },
    process: { type: 'string', default: 'exaplug' },
    check: { type: 'string', default: 'exec' },
  },
});
const names = createLabNames();
const print = (text: string): void => void process.stdout.write(`${text}\n`);
// A closed stdout (`npm run lab | head`) must not skip the teardown.
process.stdout.on('error', () => undefined);

function toSpec(name: string): ProcessSpec {
  if (name === 'standin') return { kind: 'standin' };
  if (name === 'healthcheck') return { kind: name, timing: fastTiming };
  if (name === 'exaplug') {
    if (values.check !== 'exec' && values.check !== 'http') throw new Error(`--check must be exec or http (got ${values.check})`);
    return { kind: name, timing: fastTiming, check: values.check };
  }
  throw new Error(`--process must be exaplug, healthcheck or standin (got ${name})`);
}

async function main(): Promise<void> {
  if (values.down) {
    await deleteNamespaces(names.prefix);
    print(`lab ${names.prefix}* torn down`);
    return;
  }
  const spec = toSpec(values.process);
  if (spec.kind === 'exaplug') await ensureBuilt(repoDir);
  const started = Date.now();
  let lab: Lab | undefined;
  const teardown = async (): Promise<void> => {
    await lab?.stop();
    lab?.removeRunDir();
    lab = undefined;
  };
  process.once('SIGINT', () => void teardown().finally(() => process.exit(130)));
  process.once('SIGTERM', () => void teardown().finally(() => process.exit(143)));
  try {
    lab = await startLab({ process: spec, names });
    print(`lab up in ${lab.runDir} (process: ${spec.kind})`);
    await waitForConvergence(lab);
    print(`converged after ${Date.now() - started} ms`);
    const tables = await readTables(lab);
    print(formatRoutes('rs1 (BIRD)', tables.rs1));
    print(formatRoutes('rs2 (FRR)', tables.rs2));
    await waitForDataPlane(lab);
    print('== client c1 → service IPs (through r1)');
    for (const ip of serviceIps) print(`  http://[${ip}]/ → ${(await askService(names.ns('c1'), ip)) ?? 'no answer'}`);
    if (values.keep) {
      print(`kept running: namespaces ${names.prefix}*, logs in ${lab.runDir}; tear down with: npm run lab -- --down`);
      lab = undefined;
    }
  } finally {
    await teardown();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`lab failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
