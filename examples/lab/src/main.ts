/**
 * `npm run lab`: starts the lab, prints the three route servers' tables and tears it down.
 *   --keep            leave it running (namespaces xp-*; `ip netns exec xp-c1 curl http://[2001:db8:30::1]/`)
 *   --down            tear down a kept lab
 *   --process NAME    exaplug (default) | healthcheck | standin
 *   --check NAME      exaplug's check: exec (curl, default) | http (@exaplug/check-http)
 *   --drain NODE      then `exaplug drain web` on w1, w2 or w3: print the tables while its
 *                     GRACEFUL_SHUTDOWN routes are still there (before the withdraw)
 *   --rs-defaults     route servers without the shipped RFC 8326 config (what they do by default)
 */
import { parseArgs } from 'node:util';
import { deleteNamespaces } from '@exaplug/test-support/netns';
import { readTables, waitForConvergence, waitForDataPlane, waitForTables } from './converge.js';
import { ensureBuilt } from './ensure-built.js';
import { controlExaplug, isDrainAnnouncedEverywhere } from './exaplug-control.js';
import { createLabNames } from './lab-names.js';
import { drainWithdrawAfterMs, fastTiming, type ProcessSpec } from './process-spec.js';
import { askService } from './read-routes.js';
import { formatRoutes } from './route-view.js';
import { repoDir, startLab, type Lab } from './start-lab.js';
import { findWebNode, routeServers, routeServerSoftware, serviceIps } from './topology.js';

const { values } = parseArgs({
  options: {
    keep: { type: 'boolean', default: false },
    down: { type: 'boolean', default: false },
    process: { type: 'string', default: 'exaplug' },
    check: { type: 'string', default: 'exec' },
    drain: { type: 'string' },
    'rs-defaults': { type: 'boolean', default: false },
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

async function printTables(lab: Lab): Promise<void> {
  const tables = await readTables(lab);
  for (const rs of routeServers) print(formatRoutes(`${rs} (${routeServerSoftware[rs]})`, tables[rs]));
}

async function printClientView(): Promise<void> {
  print('== client c1 → service IPs (through r1)');
  for (const ip of serviceIps) print(`  http://[${ip}]/ → ${(await askService(names.ns('c1'), ip)) ?? 'no answer'}`);
}

/** Drains a node and shows where the traffic went before its withdraw. */
async function showDrain(lab: Lab, node: string): Promise<void> {
  if (!findWebNode(node)) throw new Error(`--drain must name w1, w2 or w3 (got ${node})`);
  await controlExaplug(repoDir, lab.runDir, 'drain', node);
  const started = Date.now();
  await waitForTables(lab, (tables) => isDrainAnnouncedEverywhere(tables, node, serviceIps.length), `${node}'s drained routes`, 5000);
  // r1 follows the route servers within a few milliseconds; leave it that long.
  await new Promise((resolve) => setTimeout(resolve, 200));
  print(`drained ${node}: GRACEFUL_SHUTDOWN (65535:0) announced, withdraw in ${drainWithdrawAfterMs} ms`);
  await printTables(lab);
  await printClientView();
  if (Date.now() - started > drainWithdrawAfterMs) print('(read after the withdraw was due: the machine is slow)');
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
    const gracefulShutdown = values['rs-defaults'] ? 'defaults' : 'shipped';
    lab = await startLab({ process: spec, names, gracefulShutdown });
    print(`lab up in ${lab.runDir} (process: ${spec.kind}, route servers' RFC 8326 config: ${gracefulShutdown})`);
    await waitForConvergence(lab);
    print(`converged after ${Date.now() - started} ms`);
    await printTables(lab);
    await waitForDataPlane(lab);
    await printClientView();
    if (values.drain !== undefined) {
      if (spec.kind !== 'exaplug') throw new Error('--drain needs --process exaplug');
      await showDrain(lab, values.drain);
    }
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
