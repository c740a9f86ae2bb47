import type { ExaplugConfig } from '../config/resolve-config.js';
import type { PreparedService } from '../loading/prepare-services.js';
import type { Runtime } from '../runtime/runtime.js';
import type { ExabgpProcessOptions } from './exabgp-process-options.js';
import type { IdlePeriod } from './idle-period.js';
import type { ProcessLifecycle } from './process-lifecycle.js';

/** What runs once a config loaded: the runtime, and the config and services it runs (a reload replaces the last two). */
export interface Running {
  runtime: Runtime;
  config: ExaplugConfig;
  services: PreparedService[];
}

/**
 * The state the shell's parts share (loads, reloads, stops): the shell is a façade over
 * them, so each part is read in one place and none of them holds another's state.
 */
export interface ShellParts {
  options: ExabgpProcessOptions;
  lifecycle: ProcessLifecycle;
  /** Set once a config runs; never cleared (a running shell does not go back to idle). */
  running: Running | undefined;
  /** Set while idle: why, since when, and the idle mode. */
  idle: IdlePeriod | undefined;
  /** Whether the last load of the config (start or reload) succeeded; undefined before the first. */
  lastLoadValid: boolean | undefined;
  startedAtMs: number;
}
