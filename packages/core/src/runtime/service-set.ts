import { ExaplugError } from '../errors.js';
import type { PreparedService } from '../loading/prepare-services.js';
import type { ReloadPlan } from './plan-reload.js';
import type { RunnerVerdict, ServiceRunner, ServiceStatus } from './service-runner.js';

/** Builds the runner of a service, with the verdict it takes over (a reload that kept the check). */
export type MakeRunner = (service: PreparedService, inherit?: RunnerVerdict) => ServiceRunner;

/** What a reload leaves to its caller: services to close, runners to start, IPs no service owns any more. */
export interface ReplacedServices {
  closing: PreparedService[];
  starting: ServiceRunner[];
  released: string[];
  owned: Set<string>;
}

/** The services in force and their runners, in config order: replaced whole by a reload. */
export class ServiceSet {
  private services: PreparedService[];
  private runners: ServiceRunner[];

  constructor(services: PreparedService[], makeRunner: MakeRunner) {
    this.services = services;
    this.runners = services.map((service) => makeRunner(service));
  }

  get all(): readonly PreparedService[] {
    return this.services;
  }

  get names(): string[] {
    return this.runners.map((runner) => runner.status.name);
  }

  get status(): ServiceStatus[] {
    return this.runners.map((runner) => runner.status);
  }

  /** Whether a prefix is one of the services' IPs. */
  owns(prefix: string): boolean {
    return this.services.some((service) => service.config.ips.includes(prefix));
  }

  /** @throws ExaplugError EXAPLUG_UNKNOWN_SERVICE */
  runnerOf(name: string): ServiceRunner {
    const runner = this.runners.find((candidate) => candidate.status.name === name);
    if (!runner) throw new ExaplugError('EXAPLUG_UNKNOWN_SERVICE', `no service named ${JSON.stringify(name)} (services: ${this.names.join(', ')})`);
    return runner;
  }

  /** Starts these runners (all of them by default), staggered over their interval. */
  start(runners: readonly ServiceRunner[] = this.runners): void {
    runners.forEach((runner, index) => runner.start(firstCheckDelay(index, runners.length, runner.intervalMs)));
  }

  stop(): void {
    for (const runner of this.runners) runner.stop();
  }

  /**
   * Swaps in the services of a reload: kept ones keep their runner, the others get a new
   * one (with the old verdict where the plan says), and the runners of changed and removed
   * services stop.
   */
  replace(plan: ReloadPlan, prepared: readonly PreparedService[], makeRunner: MakeRunner): ReplacedServices {
    const before = new Map(this.services.map((service, index) => [service.config.name, { service, runner: this.runners[index] as ServiceRunner }]));
    const kept = new Set(plan.kept);
    const entries = prepared.map((service) => {
      const old = before.get(service.config.name);
      if (old && kept.has(service.config.name)) return { ...old, fresh: false };
      const predecessor = plan.inherits.get(service.config.name);
      return { service, runner: makeRunner(service, predecessor === undefined ? undefined : before.get(predecessor)?.runner.verdict), fresh: true };
    });
    const leaving = [...plan.changed, ...plan.removed].flatMap((name) => before.get(name) ?? []);
    for (const { runner } of leaving) runner.stop();
    this.services = entries.map((entry) => entry.service);
    this.runners = entries.map((entry) => entry.runner);
    const closing = [...prepared.filter((service) => kept.has(service.config.name)), ...leaving.map((entry) => entry.service)];
    const owned = new Set(this.services.flatMap((service) => service.config.ips));
    const released = [...new Set(closing.flatMap((service) => service.config.ips))].filter((ip) => !owned.has(ip));
    return { closing, starting: entries.filter((entry) => entry.fresh).map((entry) => entry.runner), released, owned };
  }
}

/**
 * Staggers the first checks so that a thousand services do not all fire in one tick (and
 * then every interval in lockstep): service i of n starts i × min(interval / n, 10 ms)
 * late. A handful of services start within a few milliseconds; a thousand spread over
 * their interval.
 */
export function firstCheckDelay(index: number, count: number, intervalMs: number): number {
  return Math.floor(index * Math.min(intervalMs / Math.max(count, 1), 10));
}
