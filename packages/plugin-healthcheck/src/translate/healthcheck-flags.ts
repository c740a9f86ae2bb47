/**
 * How argparse treats one option of ExaBGP 4.2's healthcheck: `flag` stores true (or
 * false for `--no-ip-setup`), `value` keeps the last one given, `append` keeps them all,
 * `optional` takes a value only when the next word is not an option (`--syslog-facility`).
 */
export type FlagKind = 'flag' | 'value' | 'append' | 'optional';

export interface HealthcheckFlag {
  /** argparse's `dest`: the key the value is stored under. */
  dest: string;
  names: readonly string[];
  kind: FlagKind;
  /** Value types argparse converts (and refuses) before the program sees them. */
  type?: 'int' | 'float';
  /** `store_false` options store false. */
  stores?: boolean;
  /** The value of `--syslog-facility` given without one. */
  constant?: string;
}

const flag = (dest: string, names: string[], kind: FlagKind, extra: Partial<HealthcheckFlag> = {}): HealthcheckFlag => ({ dest, names, kind, ...extra });

/** Every option of `exabgp healthcheck` 4.2 (application/healthcheck.py `parse()`), in its order. */
export const healthcheckFlags: readonly HealthcheckFlag[] = [
  flag('silent', ['--silent', '-s'], 'flag'),
  flag('syslog_facility', ['--syslog-facility', '-sF'], 'optional', { constant: 'daemon' }),
  flag('no_syslog', ['--no-syslog'], 'flag'),
  flag('no_ack', ['--no-ack', '-a'], 'flag'),
  flag('sudo', ['--sudo'], 'flag'),
  flag('debug', ['--debug', '-d'], 'flag'),
  flag('name', ['--name', '-n'], 'value'),
  flag('config', ['--config', '-F'], 'value'),
  flag('pid', ['--pid', '-p'], 'value'),
  flag('user', ['--user'], 'value'),
  flag('group', ['--group'], 'value'),
  flag('interval', ['--interval', '-i'], 'value', { type: 'float' }),
  flag('fast', ['--fast-interval', '-f'], 'value', { type: 'float' }),
  flag('timeout', ['--timeout', '-t'], 'value', { type: 'int' }),
  flag('rise', ['--rise'], 'value', { type: 'int' }),
  flag('fall', ['--fall'], 'value', { type: 'int' }),
  flag('disable', ['--disable'], 'value'),
  flag('command', ['--command', '--cmd', '-c'], 'value'),
  flag('next_hop', ['--next-hop', '-N'], 'value'),
  flag('ips', ['--ip'], 'append'),
  flag('local_preference', ['--local-preference'], 'value', { type: 'int' }),
  flag('deaggregate_networks', ['--deaggregate-networks'], 'flag'),
  flag('ip_setup', ['--no-ip-setup'], 'flag', { stores: false }),
  flag('ip_dynamic', ['--dynamic-ip-setup'], 'flag'),
  flag('label', ['--label'], 'value'),
  flag('start_ip', ['--start-ip'], 'value', { type: 'int' }),
  flag('up_metric', ['--up-metric'], 'value', { type: 'int' }),
  flag('down_metric', ['--down-metric'], 'value', { type: 'int' }),
  flag('disabled_metric', ['--disabled-metric'], 'value', { type: 'int' }),
  flag('increase', ['--increase'], 'value', { type: 'int' }),
  flag('community', ['--community'], 'value'),
  flag('extended_community', ['--extended-community'], 'value'),
  flag('large_community', ['--large-community'], 'value'),
  flag('disabled_community', ['--disabled-community'], 'value'),
  flag('as_path', ['--as-path'], 'value'),
  flag('up_as_path', ['--up-as-path'], 'value'),
  flag('down_as_path', ['--down-as-path'], 'value'),
  flag('disabled_as_path', ['--disabled-as-path'], 'value'),
  flag('withdraw_on_down', ['--withdraw-on-down'], 'flag'),
  flag('path_id', ['--path-id'], 'value', { type: 'int' }),
  flag('neighbors', ['--neighbor'], 'append'),
  flag('execute', ['--execute'], 'append'),
  flag('up_execute', ['--up-execute'], 'append'),
  flag('down_execute', ['--down-execute'], 'append'),
  flag('disabled_execute', ['--disabled-execute'], 'append'),
];

/** The options as the healthcheck's `parse()` returns them, with its defaults. */
export interface HealthcheckOptions {
  silent: boolean;
  syslog_facility: string;
  no_syslog: boolean;
  no_ack: boolean;
  sudo: boolean;
  debug: boolean;
  name?: string;
  config?: string;
  pid?: string;
  user?: string;
  group?: string;
  interval: number;
  fast: number;
  timeout: number;
  rise: number;
  fall: number;
  disable?: string;
  command?: string;
  next_hop?: string;
  ips?: string[];
  local_preference: number;
  deaggregate_networks: boolean;
  ip_setup: boolean;
  ip_dynamic: boolean;
  label?: string;
  start_ip: number;
  up_metric: number;
  down_metric: number;
  disabled_metric: number;
  increase: number;
  community?: string;
  extended_community?: string;
  large_community?: string;
  disabled_community?: string;
  as_path?: string;
  up_as_path?: string;
  down_as_path?: string;
  disabled_as_path?: string;
  withdraw_on_down: boolean;
  path_id?: number;
  neighbors?: string[];
  execute?: string[];
  up_execute?: string[];
  down_execute?: string[];
  disabled_execute?: string[];
  /** Options that were given (by dest), so a warning names only what the operator wrote. */
  given: ReadonlySet<string>;
}

/** The healthcheck's argparse defaults. */
export function defaultHealthcheckOptions(): Omit<HealthcheckOptions, 'given'> {
  return {
    silent: false,
    syslog_facility: 'daemon',
    no_syslog: false,
    no_ack: false,
    sudo: false,
    debug: false,
    interval: 5,
    fast: 1,
    timeout: 5,
    rise: 3,
    fall: 3,
    local_preference: -1,
    deaggregate_networks: false,
    ip_setup: true,
    ip_dynamic: false,
    start_ip: 0,
    up_metric: 100,
    down_metric: 1000,
    disabled_metric: 500,
    increase: 1,
    withdraw_on_down: false,
  };
}
