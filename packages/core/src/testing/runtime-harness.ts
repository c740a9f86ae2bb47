import { parseConfig } from '../config/parse-config.js';
import { silentLogger } from '../logger.js';
import type { CheckResult } from '../plugins/check-result.js';
import type { CheckWatchEvidence, CheckWatchInput } from '../plugins/define-check.js';
import { prepareServices, type PreparedService } from '../loading/prepare-services.js';
import type { NeighborTable } from '../runtime/neighbor-table.js';
import { Runtime, type RuntimeOptions } from '../runtime/runtime.js';
import { FakeClock } from './fake-clock.js';
import { createRecordingLogger } from './recording-logger.js';

/** A scripted check outcome: pass, degraded, fail, or a check that never settles. */
export type Scripted = 'pass' | 'degraded' | 'fail' | 'hang' | 'throw';

/**
 * Runs the real runtime against a config with scripted checks: feed it ExaBGP lines,
 * advance a fake clock, read the command lines it wrote (fastify-inject style).
 */
export async function createRuntimeHarness(
  rawConfig: Record<string, unknown>,
  scripts: Record<string, Scripted[]>,
  extra: Pick<RuntimeOptions, 'isDisabled' | 'drains' | 'addresses'> = {},
) {
  const clock = new FakeClock();
  const written: string[] = [];
  const logger = createRecordingLogger();
  let shutdownRequested = false;
  // The read-back's periodic queries would interleave with every scripted exchange: off
  // unless a test turns it on (route-readback.test.ts does).
  const exabgp = { readBack: { interval: 0 }, ...(rawConfig.exabgp as Record<string, unknown> | undefined) };
  const config = parseConfig({ ...rawConfig, exabgp }, undefined, '/tmp');
  const neighbors: NeighborTable = new Map();
  const services = await prepareServices(config, silentLogger, { importer: async () => ({}), neighbors });
  const watches = scriptChecks(services, scripts);
  const runtime = new Runtime({
    config,
    services,
    clock,
    logger,
    random: () => 0,
    neighbors,
    sink: { writeLine: (line) => void written.push(line), flushed: async () => {} },
    onShutdownMessage: () => {
      shutdownRequested = true;
    },
    ...extra,
  });
  return {
    runtime,
    /** The prepared services, to swap a strategy for a scripted one before start. */
    services,
    clock,
    logger,
    written,
    /** Lines written since the last call. */
    take(): string[] {
      return written.splice(0);
    },
    feed(...lines: string[]) {
      for (const line of lines) runtime.receiveLine(line);
    },
    /** Starts the runtime and answers its start-up queries as ExaBGP 4.2 with no session up would. */
    async startAnswered(): Promise<void> {
      runtime.start();
      written.splice(0);
      runtime.receiveLine('exabgp 4.2.21');
      runtime.receiveLine('done');
      written.splice(0);
      runtime.receiveLine('Peer            AS        up/down state       |     #sent     #recvd');
      runtime.receiveLine('done');
      await clock.advance(0);
    },
    /** The service's check watch reports a change (`changed(reason, evidence)`), as a plugin's would. */
    watchSaw(serviceName: string, reason = 'scripted change', evidence?: CheckWatchEvidence): void {
      watches.get(serviceName)?.changed(reason, evidence);
    },
    /** The signal the runtime gave a service's watch: aborted once the service stops. */
    watchSignal(serviceName: string): AbortSignal | undefined {
      return watches.get(serviceName)?.signal;
    },
    get shutdownRequested() {
      return shutdownRequested;
    },
  };
}

/**
 * Replaces each service's check with its script (then `pass` for ever), except the
 * `neighbor` check, a real check of the runtime's own table. Every scripted check has a
 * watch; a test plays its target changing through the returned inputs (`watchSaw`).
 */
function scriptChecks(services: PreparedService[], scripts: Record<string, Scripted[]>): Map<string, CheckWatchInput> {
  const remaining = new Map(Object.entries(scripts).map(([name, list]) => [name, [...list]]));
  const watches = new Map<string, CheckWatchInput>();
  for (const service of services) {
    if (service.checkName === 'neighbor') continue;
    service.check = {
      run: () => {
        const next = remaining.get(service.config.name)?.shift() ?? 'pass';
        if (next === 'hang') return new Promise<CheckResult>(() => {});
        if (next === 'throw') throw new Error('plugin bug');
        if (next === 'degraded') return Promise.resolve<CheckResult>({ status: 'degraded', reason: 'scripted' });
        return Promise.resolve<CheckResult>(next === 'pass' ? { status: 'healthy' } : { status: 'failed', reason: 'scripted' });
      },
      watch: (input) => void watches.set(service.config.name, input),
    };
  }
  return watches;
}
