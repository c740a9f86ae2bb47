import fc from 'fast-check';
import { waitFor } from '@exaplug/test-support/wait-for';
import type { GeneratedStart } from '../generate/config-arbitrary.js';
import type { OracleLab } from '../live/lab.js';
import { LiveSystem } from '../live/live-system.js';
import type { OracleStats } from '../report/oracle-stats.js';
import { respawnsPerExabgp, type OracleModel, type StepContext } from '../steps/oracle-model.js';
import { SequenceContext } from './sequence-context.js';

/**
 * One sequence: a fresh dir, config and ExaBGP (the lab's route servers are shared), the
 * start checked against the model, then each step run and checked. Leaves the route servers empty.
 */
export async function runSequence(
  lab: OracleLab,
  exaplugBin: string,
  stats: OracleStats,
  start: GeneratedStart,
  steps: Iterable<fc.AsyncCommand<OracleModel, StepContext>>,
): Promise<void> {
  stats.sequences++;
  const live = await LiveSystem.prepare(lab, exaplugBin);
  try {
    const model: OracleModel = { config: start.config, world: { health: { ...start.health }, drained: [] }, respawnsLeft: respawnsPerExabgp };
    for (const [checkId, health] of Object.entries(model.world.health)) await live.setHealth(checkId, health);
    await live.writeConfig(model.config);
    await waitForEmptyTables(lab);
    const context = new SequenceContext(live, lab, stats);
    await live.startExabgp();
    await live.waitRunning();
    await context.verify(model, `start: ${model.config.services.map((service) => `${service.name}[${service.ips.join(' ')}]`).join(', ')}`, 'restart');
    await fc.asyncModelRun(() => ({ model, real: context }), steps);
  } finally {
    await live.dispose();
  }
}

/** The previous sequence's ExaBGP is gone: its routes must be too before the next one starts. */
async function waitForEmptyTables(lab: OracleLab): Promise<void> {
  await waitFor(async () => (await Promise.all(lab.servers.map((server) => server.table()))).every((table) => table.size === 0), {
    timeoutMs: 20_000,
    intervalMs: 200,
    what: 'the route servers to forget the previous sequence\'s routes',
  });
}
