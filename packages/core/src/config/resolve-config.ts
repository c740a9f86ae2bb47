import { isAbsolute, resolve } from 'node:path';
import type { AllowedPrefix } from '@exaplug/protocol';
import type { CheckTiming } from '../scheduler/next-check-delay.js';
import { defaultControlPaths } from './control-paths.js';
import type { CheckReference, ParsedConfig } from './schema.js';

export interface PluginReference {
  use: string;
  with: Record<string, unknown>;
}

/** One service with the defaults applied and paths made absolute. */
export interface ServiceConfig {
  name: string;
  ips: string[];
  check: CheckReference;
  strategy: PluginReference;
  timing: CheckTiming;
  timeout: number;
  rise: number;
  fall: number;
  /** The shortest time between two announcements of this service (flap damping). */
  minDwell: number;
  /** A failed round after the watch saw connections refused is the whole fall (default true). */
  refusedIsDown: boolean;
  /** Commands run on announced-state changes; the service's own replace the defaults'. */
  hooks?: ParsedConfig['defaults']['hooks'];
  disableFile?: string;
}

/** The configuration the runtime works from. */
export interface ExaplugConfig {
  filepath: string | undefined;
  /** Relative plugin paths and files resolve from here. */
  configDir: string;
  exabgp: ParsedConfig['exabgp'];
  onStop: ParsedConfig['onStop'];
  log: ParsedConfig['log'];
  /** The routes exaplug may write; undefined when the config sets none. */
  allowedPrefixes: AllowedPrefix[] | undefined;
  onInvalidConfig: ParsedConfig['onInvalidConfig'];
  ipSetup: ParsedConfig['ipSetup'];
  metrics: ParsedConfig['metrics'];
  /** Absolute: resolved against the config's directory, or derived from the config's path. */
  stateDir: string;
  drain: ParsedConfig['drain'];
  /** `socket` as stateDir. */
  control: { socket: string };
  /** The process watchdog's limits (memory, event-loop lag). */
  limits: ParsedConfig['limits'];
  services: ServiceConfig[];
}

/** Applies `defaults` to every service and resolves paths against the config's directory. */
export function resolveConfig(parsed: ParsedConfig, filepath: string | undefined, configDir: string): ExaplugConfig {
  const defaults = parsed.defaults;
  const services = Object.entries(parsed.services).map(([name, service]): ServiceConfig => {
    const interval = service.interval ?? defaults.interval;
    return {
      name,
      ips: service.ips,
      check: service.check,
      strategy: service.strategy ?? defaults.strategy,
      timing: {
        interval,
        fastInterval: service.fastInterval ?? defaults.fastInterval,
        downInterval: service.downInterval ?? defaults.downInterval ?? interval,
        jitter: service.jitter ?? defaults.jitter,
      },
      timeout: service.timeout ?? defaults.timeout,
      rise: service.rise ?? defaults.rise,
      fall: service.fall ?? defaults.fall,
      minDwell: service.minDwell ?? defaults.minDwell,
      refusedIsDown: service.refusedIsDown ?? defaults.refusedIsDown,
      ...((service.hooks ?? defaults.hooks) && { hooks: service.hooks ?? defaults.hooks }),
      ...(service.disableFile !== undefined && {
        disableFile: isAbsolute(service.disableFile) ? service.disableFile : resolve(configDir, service.disableFile),
      }),
    };
  });
  // A file that stops validating must keep these: controlPathsOf reads them the same way.
  const derived = defaultControlPaths({ filepath, services });
  return {
    filepath,
    configDir,
    exabgp: parsed.exabgp,
    onStop: parsed.onStop,
    log: parsed.log,
    allowedPrefixes: parsed.allowedPrefixes,
    onInvalidConfig: parsed.onInvalidConfig,
    ipSetup: parsed.ipSetup,
    metrics: parsed.metrics,
    stateDir: parsed.stateDir === undefined ? derived.stateDir : resolve(configDir, parsed.stateDir),
    drain: parsed.drain,
    control: { socket: parsed.control.socket === undefined ? derived.socket : resolve(configDir, parsed.control.socket) },
    limits: parsed.limits,
    services,
  };
}
