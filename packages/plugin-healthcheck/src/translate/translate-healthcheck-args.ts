import type { ConfigInput } from '@exaplug/core';
import { ExaplugError } from '@exaplug/core/plugin';
import { deaggregateNetwork } from './deaggregate-network.js';
import type { HealthcheckOptions } from './healthcheck-flags.js';
import { parseHealthcheckCommandLine } from './parse-healthcheck-args.js';

/** A flag exaplug accepts but does not (fully) honour, and what happens instead. */
export interface HealthcheckWarning {
  flag: string;
  message: string;
}

export interface HealthcheckTranslation {
  /** The input of exaplug's config schema: what `exaplug run` would read from a file. */
  config: ConfigInput;
  serviceName: string;
  warnings: HealthcheckWarning[];
  /** Left to the process that runs the config (`exaplug healthcheck`), not part of it. */
  host: { pidFile?: string; user?: string; group?: string };
}

export interface TranslateContext {
  /** Service IPs found on `lo` (matching `--label`), used only when no `--ip` is given. */
  loopbackIps?: readonly string[];
}

const hour = 3_600_000;

/** `65001 65002`, `[ 65001 65002 ]` → numbers. */
function readAsPath(flag: string, text: string): number[] {
  const words = text.replace(/[[\]]/g, ' ').trim().split(/\s+/).filter(Boolean);
  return words.map((word) => {
    if (!/^\d+$/.test(word)) throw new ExaplugError('EXAPLUG_HEALTHCHECK_ARGS', `argument --${flag}: ${JSON.stringify(text)}: exaplug takes AS numbers only`);
    return Number(word);
  });
}

/** The healthcheck pastes the value inside `[ … ]`, so one flag may hold several words. */
const words = (text: string) => text.replace(/[[\]]/g, ' ').trim().split(/\s+/).filter(Boolean);

/** `curl` → a service name exaplug accepts. */
function serviceNameOf(name: string | undefined): string {
  const cleaned = (name ?? '').replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '');
  return cleaned || 'healthcheck';
}

function translateTiming(options: HealthcheckOptions, warn: (flag: string, message: string) => void) {
  if (options.interval === 0) warn('interval', 'zero (exit after the first announcement) is not supported; exaplug keeps checking every 5s');
  if (options.timeout === 0) warn('timeout', 'zero (no timeout) is not supported; exaplug gives each check at most 1h');
  if (options.rise < 1) warn('rise', `${options.rise} counts as 1`);
  if (options.fall < 1) warn('fall', `${options.fall} counts as 1`);
  return {
    interval: options.interval > 0 ? Math.round(options.interval * 1000) : 5000,
    fastInterval: Math.round(options.fast * 1000),
    timeout: options.timeout > 0 ? options.timeout * 1000 : hour,
    rise: Math.max(1, options.rise),
    fall: Math.max(1, options.fall),
    // The healthcheck announces every change at once: no flap damping.
    minDwell: 0,
  };
}

/** `--execute`, `--up-execute`, … as hooks: the same commands, with `STATE` in their environment. */
function translateHooks(options: HealthcheckOptions): Record<string, unknown> {
  const hooks = {
    ...(options.execute?.length && { onChange: options.execute }),
    ...(options.up_execute?.length && { onUp: options.up_execute }),
    ...(options.down_execute?.length && { onDown: options.down_execute }),
    ...(options.disabled_execute?.length && { onDisabled: options.disabled_execute }),
  };
  return Object.keys(hooks).length > 0 ? { hooks } : {};
}

/** `fixed` strategy options with the same MEDs and attributes per state as the healthcheck. */
function translateStrategy(options: HealthcheckOptions): Record<string, unknown> {
  const strategy: Record<string, unknown> = {
    metrics: { up: options.up_metric, down: options.down_metric, disabled: options.disabled_metric },
    increase: options.increase,
    startIp: options.start_ip,
  };
  if (options.withdraw_on_down) strategy.withdrawOn = ['down', 'disabled'];
  if (options.next_hop !== undefined) strategy.nextHop = options.next_hop;
  if (options.local_preference >= 0) strategy.localPreference = options.local_preference;
  if (options.community) strategy.communities = words(options.community);
  if (options.extended_community) strategy.extendedCommunities = words(options.extended_community);
  if (options.large_community) strategy.largeCommunities = words(options.large_community);
  if (options.as_path) strategy.asPath = readAsPath('as-path', options.as_path);
  // A path id of 0 is never sent: the healthcheck tests it for truth.
  if (options.path_id) strategy.pathInformation = String(options.path_id);
  if (options.neighbors?.length) strategy.neighbors = options.neighbors;
  const states: Record<string, Record<string, unknown>> = {};
  for (const state of ['up', 'down', 'disabled'] as const) {
    const asPath = options[`${state}_as_path`];
    if (asPath) (states[state] ??= {}).asPath = readAsPath(`${state}-as-path`, asPath);
    // --disabled-community replaces --community when down as well as when disabled.
    if (state !== 'up' && options.disabled_community) (states[state] ??= {}).communities = words(options.disabled_community);
  }
  if (Object.keys(states).length > 0) strategy.states = states;
  return strategy;
}

function collectWarnings(options: HealthcheckOptions, hasIps: boolean, warn: (flag: string, message: string) => void): void {
  if (options.ip_dynamic) warn('dynamic-ip-setup', 'not supported: exaplug keeps the IPs on lo while it runs (removed on stop, after the withdraws); use withdrawOn to stop attracting traffic');
  if (options.given.has('sudo')) warn('sudo', 'ignored: exaplug adds the IPs itself, as the user it runs as');
  // The healthcheck adds its IPs, then drops privileges; exaplug adds them once ExaBGP has
  // answered, after the drop, so as another user the setup fails and nothing is announced.
  if (options.ip_setup && (options.user !== undefined || options.group !== undefined)) {
    warn(options.user !== undefined ? 'user' : 'group', 'with IP setup on, exaplug adds the IPs after dropping privileges: that fails unless the user may, and then nothing is announced; put the IPs on lo beforehand and pass --no-ip-setup');
  }
  if (options.given.has('label') && hasIps) warn('label', 'used only to find IPs on lo when no --ip is given');
  if (options.given.has('syslog_facility')) warn('syslog-facility', 'ignored: exaplug logs JSON lines on stderr, which ExaBGP forwards to its log');
  for (const flag of ['pid', 'user', 'group'] as const) {
    if (options[flag] !== undefined) warn(flag, 'not part of an exaplug.yaml: set it in the service manager that starts ExaBGP');
  }
}

/**
 * What `exabgp healthcheck` would do, as exaplug configuration: one service whose `exec`
 * check runs the command through `sh -c`, the `fixed` strategy with the healthcheck's
 * metrics, increase, start IP and attributes per state, and the same rise/fall timing.
 * Pure: IPs on lo and config files are read by the caller.
 * @throws ExaplugError EXAPLUG_HEALTHCHECK_ARGS
 */
export function translateHealthcheckOptions(options: HealthcheckOptions, context: TranslateContext = {}): HealthcheckTranslation {
  const warnings: HealthcheckWarning[] = [];
  const warn = (flag: string, message: string) => warnings.push({ flag, message });
  let ips = options.ips ?? [...(context.loopbackIps ?? [])];
  if (ips.length === 0) throw new ExaplugError('EXAPLUG_HEALTHCHECK_ARGS', 'No IP found: give --ip (exaplug found none on lo either)');
  if (options.deaggregate_networks) ips = ips.flatMap(deaggregateNetwork);
  collectWarnings(options, options.ips !== undefined, warn);
  const serviceName = serviceNameOf(options.name);
  const service: Record<string, unknown> = {
    ips,
    check: { use: 'exec', with: { command: options.command ?? 'true' } },
    ...translateTiming(options, warn),
    strategy: { use: 'fixed', with: translateStrategy(options) },
    ...(options.disable !== undefined && { disableFile: options.disable }),
    ...translateHooks(options),
  };
  const config: ConfigInput = {
    exabgp: { acks: options.no_ack ? 'off' : 'auto' },
    // The healthcheck puts the IPs on lo unless --no-ip-setup (it needs root, as exaplug does).
    ...(options.ip_setup && { ipSetup: { interface: 'lo' } }),
    log: { level: options.debug ? 'debug' : options.silent ? 'warn' : 'info' },
    services: { [serviceName]: service as ConfigInput['services'][string] },
  };
  const host = {
    ...(options.pid !== undefined && { pidFile: options.pid }),
    ...(options.user !== undefined && { user: options.user }),
    ...(options.group !== undefined && { group: options.group }),
  };
  return { config, serviceName, warnings, host };
}

/**
 * A healthcheck command line (after `healthcheck`), `--config FILE` included, as exaplug
 * configuration.
 * @throws ExaplugError EXAPLUG_HEALTHCHECK_ARGS
 */
export function translateHealthcheckArgs(
  argv: readonly string[],
  context: TranslateContext & { readConfigFile: (path: string) => string },
): HealthcheckTranslation {
  return translateHealthcheckOptions(parseHealthcheckCommandLine(argv, context.readConfigFile), context);
}
