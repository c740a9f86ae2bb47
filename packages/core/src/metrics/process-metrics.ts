import { Counter, Gauge, type Registry } from 'prom-client';
import type { ReloadOutcome } from '../process/exabgp-process.js';

/** What the process metrics read of the process shell, in any state (idle too). */
export interface ProcessMetricsSource {
  /** exaplug's own version. */
  version: string;
  /** Whether the last load of the config succeeded; undefined before the first settles. */
  configValid(): boolean | undefined;
  /** ExaBGP as detected (`system version`), while running. */
  exabgp(): { version: string | undefined; dialect: string } | undefined;
  /** Subscribes to the outcome of every reload; returns the unsubscribe. */
  onReloaded(listener: (outcome: ReloadOutcome) => void): () => void;
}

// A record, so that an outcome added to the type without a series here fails to compile.
const reloadOutcomes = Object.keys({ applied: 0, refused: 0, skipped: 0 } satisfies Record<ReloadOutcome, 0>) as ReloadOutcome[];

/**
 * The metrics of the process rather than of its services, answered in every state: an
 * idle exaplug (its config does not load) is what `exaplug_config_valid == 0` alerts on.
 */
export function registerProcessMetrics(registry: Registry, source: ProcessMetricsSource): void {
  new Gauge({
    name: 'exaplug_config_valid',
    help: 'Whether the last load of the config (start or reload) succeeded: 0 while idle, after a refused reload (the previous config runs on), and until the first load.',
    registers: [registry],
    collect() {
      this.set(source.configValid() === true ? 1 : 0);
    },
  });
  const reloads = new Counter({
    name: 'exaplug_config_reloads_total',
    help: 'Reloads (SIGHUP, exaplug reload) by outcome: applied, refused (the config does not load), skipped (not now).',
    labelNames: ['outcome'],
    registers: [registry],
  });
  for (const outcome of reloadOutcomes) reloads.inc({ outcome }, 0);
  source.onReloaded((outcome) => reloads.inc({ outcome }));
  new Gauge({
    name: 'exaplug_build_info',
    help: 'Always 1: exaplug’s version, and ExaBGP’s version and API dialect as detected ("unknown" until then).',
    labelNames: ['version', 'exabgp_version', 'exabgp_dialect'],
    registers: [registry],
    collect() {
      this.reset();
      const exabgp = source.exabgp();
      this.set({ version: source.version, exabgp_version: exabgp?.version ?? 'unknown', exabgp_dialect: exabgp?.dialect ?? 'unknown' }, 1);
    },
  });
}
