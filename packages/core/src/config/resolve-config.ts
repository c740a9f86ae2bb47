import { isAbsolute, resolve } from 'node:path';
import type { CheckTiming } from '../scheduler/next-check-delay.js';
import type { ParsedConfig } from './schema.js';

export interface PluginReference {
  use: string;
  with: Record<string, unknown>;
}

/** One service with the defaults applied and paths made absolute. */
export interface ServiceConfig {
  name: string;
  ips: string[];
  check: PluginReference;
  strategy: PluginReference;
  timing: CheckTiming;
  timeout: number;
  rise: number;
  fall: number;
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
      ...(service.disableFile !== undefined && {
        disableFile: isAbsolute(service.disableFile) ? service.disableFile : resolve(configDir, service.disableFile),
      }),
    };
  });
  return { filepath, configDir, exabgp: parsed.exabgp, onStop: parsed.onStop, log: parsed.log, limits: parsed.limits, services };
}
