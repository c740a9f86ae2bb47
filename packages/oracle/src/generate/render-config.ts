import { join } from 'node:path';
import { stringify } from 'yaml';
import { poolAllowedPrefixes } from '../model/ip-pool.js';
import { familyOf, type NextHopAddresses, type OracleConfig, type ServiceSpec, type StrategySpec, type Timing } from '../model/spec.js';

/** Where one sequence keeps its files: never the host's defaults. */
export interface RunPaths {
  dir: string;
  checks: string;
  stateDir: string;
  socket: string;
}

/** The health files of a check: `UP` exists → healthy; `HANG` exists → the exec check sleeps past its timeout. */
export function checkFiles(paths: RunPaths, checkId: string): { up: string; hang: string } {
  return { up: join(paths.checks, `${checkId}.up`), hang: join(paths.checks, `${checkId}.hang`) };
}

/** The exaplug YAML for a generated config. */
export function renderConfig(config: OracleConfig, paths: RunPaths, addresses: NextHopAddresses): string {
  const document = {
    exabgp: { groupRoutes: config.groupRoutes },
    ...(config.allowedPrefixes && { allowedPrefixes: poolAllowedPrefixes }),
    stateDir: paths.stateDir,
    control: { socket: paths.socket },
    // Long enough that an idle exaplug never withdraws before the oracle fixes its config.
    onInvalidConfig: { action: 'withdraw', after: '2m' },
    drain: { gracefulShutdown: config.drain.gracefulShutdown, ...(config.drain.withdrawAfterMs !== undefined && { withdrawAfter: config.drain.withdrawAfterMs }) },
    log: { level: 'info' },
    defaults: renderTiming(config.defaults),
    services: Object.fromEntries(config.services.map((service) => [service.name, renderService(service, paths, addresses)])),
  };
  return stringify(document);
}

function renderTiming(timing: Partial<Timing>): Record<string, number> {
  const rendered: Record<string, number | undefined> = {
    interval: timing.intervalMs,
    fastInterval: timing.fastIntervalMs,
    timeout: timing.timeoutMs,
    rise: timing.rise,
    fall: timing.fall,
    minDwell: timing.minDwellMs,
  };
  return Object.fromEntries(Object.entries(rendered).filter(([, value]) => value !== undefined)) as Record<string, number>;
}

function renderService(service: ServiceSpec, paths: RunPaths, addresses: NextHopAddresses): Record<string, unknown> {
  const files = checkFiles(paths, service.checkId);
  const check =
    service.checkKind === 'file'
      ? { use: 'file', with: { path: files.up } }
      : { use: 'exec', with: { command: `[ ! -e ${files.hang} ] || sleep 30; [ -e ${files.up} ]` } };
  return {
    ips: service.ips,
    check,
    strategy: { use: service.strategy.use, with: { ...strategyOptions(service.strategy), ...routeAttributes(service, addresses) } },
    ...renderTiming(service.timing ?? {}),
  };
}

function strategyOptions(strategy: StrategySpec): Record<string, unknown> {
  const common = { metrics: strategy.metrics, increase: strategy.increase, withdrawOn: strategy.withdrawOn };
  switch (strategy.use) {
    case 'fixed':
      return { ...common, startIp: strategy.startIp, ...(strategy.downCommunities && { states: { down: { communities: strategy.downCommunities } } }) };
    case 'rotate':
      return { ...common, node: strategy.node, nodes: strategy.nodes };
    case 'rendezvous':
      return { ...common, members: strategy.members, self: strategy.self };
  }
}

function routeAttributes(service: ServiceSpec, addresses: NextHopAddresses): Record<string, unknown> {
  const { nextHop } = service;
  let rendered: unknown;
  if (typeof nextHop === 'object') {
    rendered = { ipv4: nextHop.ipv4 === 'self' ? 'self' : addresses.alt.ipv4, ipv6: nextHop.ipv6 === 'self' ? 'self' : addresses.alt.ipv6 };
  } else if (nextHop === 'alt') {
    rendered = addresses.alt[familyOf(service.ips[0] as string)];
  } else {
    rendered = 'self';
  }
  return { nextHop: rendered, ...(service.communities.length > 0 && { communities: service.communities }) };
}
