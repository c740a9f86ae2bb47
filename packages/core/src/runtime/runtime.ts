import { parseExabgpLine, type RouteIntent } from '@exaplug/protocol';
import type { ExaplugConfig } from '../config/resolve-config.js';
import type { PreparedService } from '../loading/prepare-services.js';
import { createRunner } from './create-runner.js';
import { applyNeighborMessage, type NeighborTable } from './neighbor-table.js';
import type { ReloadSummary } from './plan-reload.js';
import { reloadRuntime } from './reload-runtime.js';
import { createRepeatLimiter, type RepeatVerdict } from './repeat-limiter.js';
import type { RuntimeEvents } from './runtime-events.js';
import type { RuntimeOptions, StopOptions } from './runtime-options.js';
import { createRuntimeParts, type RuntimeParts } from './runtime-parts.js';
import type { ServiceStatus } from './service-runner.js';
import { startRuntime } from './start-runtime.js';
import { stopRuntime } from './stop-runtime.js';
import { tellNeighborChange } from './tell-neighbor-change.js';

export type { RuntimeOptions, StopOptions } from './runtime-options.js';

/**
 * The only stateful piece: lines from ExaBGP and requests from the shell in, each handed
 * to the part that owns it (`RuntimeParts`: the session, the route desk, the services, the
 * drains…). Everything it decides is delegated to pure functions and those parts.
 */
export class Runtime {
  private readonly options: RuntimeOptions;
  private readonly parts: RuntimeParts;
  private stopped: Promise<void> | undefined;
  /** Log budgets: garbage from ExaBGP is worth a few lines a minute, session changes more. */
  private readonly allowUnreadableLog: (kind: string) => RepeatVerdict;

  constructor(options: RuntimeOptions) {
    this.options = options;
    this.allowUnreadableLog = createRepeatLimiter(options.clock, { burst: 10, windowMs: 60_000 });
    this.parts = createRuntimeParts(options);
  }

  /** The neighbors as ExaBGP told them; the checks read the same table. */
  get neighbors(): NeighborTable {
    return this.parts.neighbors;
  }

  /** What happens inside, as typed events: logging, metrics, hooks and the control socket listen. */
  get events(): RuntimeEvents {
    return this.parts.events;
  }

  /** Starts the probe, then the checks once ExaBGP has told what it knows and stale routes are withdrawn. */
  start(): void {
    startRuntime(this.parts);
  }

  /** One line from ExaBGP (stdin). Never throws: a bad line is logged and skipped. */
  receiveLine(line: string): void {
    const parsed = parseExabgpLine(line);
    const { logger, clock, session, neighbors, tablePolicy } = this.parts;
    switch (parsed.kind) {
      case 'empty':
        return;
      case 'unknown': {
        const verdict = this.allowUnreadableLog('unreadable line');
        if (verdict.log) logger.warn({ line: parsed.line.slice(0, 500), reason: parsed.reason, ...(verdict.suppressed > 0 && { suppressed: verdict.suppressed }) }, 'unreadable line from exabgp skipped');
        return;
      }
      case 'ack':
      case 'output':
        session.receive(parsed);
        return;
      case 'message': {
        const message = parsed.message;
        if (message.type === 'shutdown') {
          logger.info('exabgp is shutting down');
          this.options.onShutdownMessage?.();
          return;
        }
        const { cameUp, stateChanged } = applyNeighborMessage(neighbors, message, clock.now(), tablePolicy);
        if (message.type === 'state' && stateChanged) tellNeighborChange(this.parts, message, this.allowUnreadableLog);
        const count = cameUp ? this.parts.desk.reannounce(cameUp) : 0;
        if (count > 0) logger.info({ peer: cameUp, routes: count }, 'neighbor up: re-announcing to it');
      }
    }
  }

  /** Stops checks, withdraws (unless told not to, or `onStop: keep`), closes plugins. Idempotent. */
  stop(options: StopOptions): Promise<void> {
    if (!this.stopped) {
      this.stopped = stopRuntime(this.parts, options);
      this.parts.stopping = true;
    }
    return this.stopped;
  }

  /**
   * Drains services (RFC 8326: GRACEFUL_SHUTDOWN and the disabled metrics, then a withdraw
   * after `drain.withdrawAfter`), or undrains them (they rise again through `rise` passes).
   * With `wait`, resolves once every drain is complete and ExaBGP has acknowledged it: the
   * pre-stop step of a planned ExaBGP stop. `keep: false` (a drain for that stop) is not
   * kept across a restart.
   */
  async setDrained(names: readonly string[], drained: boolean, options: { wait?: boolean; keep?: boolean } = {}): Promise<void> {
    const { services, drains, session } = this.parts;
    const runners = names.map((name) => services.runnerOf(name));
    for (const runner of runners) await drains.set(runner.status.name, drained, options.keep ?? true);
    await Promise.all(runners.map((runner) => runner.checkNow()));
    if (!drained || !options.wait) return;
    await Promise.all(runners.map((runner) => runner.drainSettled()));
    await session.drained(this.parts.config.exabgp.ackTimeout);
  }

  /** Applies a new, already validated config without a restart (see `reloadRuntime`). */
  reload(config: ExaplugConfig, prepared: PreparedService[]): Promise<ReloadSummary> {
    return reloadRuntime(this.parts, config, prepared, (service, inherit) => createRunner(this.parts, this.options, service, inherit));
  }

  /** Runs a service's check now (`exaplug recheck`). */
  recheck(name: string): Promise<void> {
    return this.parts.services.runnerOf(name).checkNow();
  }

  get serviceNames(): string[] {
    return this.parts.services.names;
  }

  /** Each service's state; a drained one with since when and by which verb. */
  get status(): ServiceStatus[] {
    return this.parts.services.status.map((status) => {
      const drain = status.drained === false ? undefined : this.parts.drains.factsOf(status.name);
      return drain ? { ...status, drain } : status;
    });
  }

  /** Each service's routes as last written and not refused. */
  routesByService(): Map<string, RouteIntent[]> {
    return this.parts.desk.routesByService();
  }

  /** Every route as last written and not refused, across services. */
  get routes(): RouteIntent[] {
    return [...this.parts.desk.routesByService().values()].flat();
  }

  /** What the probe found, the command counters and the read-back's report. */
  get exabgp() {
    const { session, readback } = this.parts;
    return { ...session.detected, counters: session.counters, readBack: readback.report() };
  }
}

export type { ReloadSummary } from './plan-reload.js';
