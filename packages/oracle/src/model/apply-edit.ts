import { freshIps } from './ip-pool.js';
import { familyOf, type CheckKind, type NextHopSpec, type OracleConfig, type ServiceSpec, type StrategySpec, type Timing } from './spec.js';

/** A service to add by reload: the IPs are taken from the pool when the edit is applied. */
export interface NewService {
  ipv4: number;
  ipv6: number;
  /** One of its IPs is a wider prefix (a /28 or a /64) instead of a host route. */
  wide: boolean;
  checkKind: CheckKind;
  strategy: StrategySpec;
  nextHop: NextHopSpec;
  communities: string[];
}

/** One change a reload brings; indexes are taken modulo the services there are then. */
export type ConfigEdit =
  | { kind: 'addService'; service: NewService }
  | { kind: 'removeService'; index: number }
  | { kind: 'moveIp'; from: number; ip: number; to: number }
  | { kind: 'renameService'; index: number }
  | { kind: 'changeStrategy'; index: number; strategy: StrategySpec }
  | { kind: 'changeNextHop'; index: number; nextHop: NextHopSpec }
  | { kind: 'changeCommunities'; index: number; communities: string[] }
  | { kind: 'changeTiming'; index: number; timing: Partial<Timing> }
  | { kind: 'toggleGroupRoutes' };

/** The lowest `prefixN` not in use. */
export function unusedName(used: readonly string[], prefix: string): string {
  for (let n = 1; ; n++) if (!used.includes(`${prefix}${n}`)) return `${prefix}${n}`;
}

/**
 * The config after the edit, or undefined when the edit does not apply (removing the last
 * service, moving an IP out of a one-IP service, …). Pure: the config given is not changed.
 */
export function applyEdit(config: OracleConfig, edit: ConfigEdit): OracleConfig | undefined {
  const services = config.services.map((service) => ({ ...service, ips: [...service.ips] }));
  const at = (index: number) => services[index % services.length] as ServiceSpec;
  switch (edit.kind) {
    case 'addService': {
      const ips = ipsForNewService(config, edit.service);
      if (ips.length === 0 || services.length >= 6) return undefined;
      const name = unusedName(services.map((service) => service.name), 's');
      const checkId = unusedName(services.map((service) => service.checkId), 'c');
      services.push(normalised({ ...edit.service, name, checkId, ips }));
      break;
    }
    case 'removeService':
      if (services.length < 2) return undefined;
      services.splice(edit.index % services.length, 1);
      break;
    case 'moveIp': {
      const from = at(edit.from);
      const to = at(edit.to);
      if (from === to || from.ips.length < 2) return undefined;
      const [ip] = from.ips.splice(edit.ip % from.ips.length, 1);
      to.ips.push(ip as string);
      Object.assign(from, normalised(from));
      Object.assign(to, normalised(to));
      break;
    }
    case 'renameService':
      at(edit.index).name = unusedName(services.map((service) => service.name), 's');
      break;
    case 'changeStrategy':
      at(edit.index).strategy = edit.strategy;
      break;
    case 'changeNextHop':
      Object.assign(at(edit.index), normalised({ ...at(edit.index), nextHop: edit.nextHop }));
      break;
    case 'changeCommunities':
      at(edit.index).communities = edit.communities;
      break;
    case 'changeTiming':
      at(edit.index).timing = edit.timing;
      break;
    case 'toggleGroupRoutes':
      return { ...config, services, groupRoutes: !config.groupRoutes };
  }
  return { ...config, services };
}

/** Fresh pool prefixes for a new service: host routes, and one wider prefix if asked. */
export function ipsForNewService(config: Pick<OracleConfig, 'services'>, shape: Pick<NewService, 'ipv4' | 'ipv6' | 'wide'>): string[] {
  const wideFamily = shape.wide ? (shape.ipv4 > 0 ? 'ipv4' : 'ipv6') : undefined;
  const take = (family: 'ipv4' | 'ipv6', count: number) =>
    family === wideFamily && count > 0 ? [...freshIps(config, family, 1, true), ...freshIps(config, family, count - 1)] : freshIps(config, family, count);
  return [...take('ipv4', shape.ipv4), ...take('ipv6', shape.ipv6)];
}

type Unnamed = ServiceSpec & Partial<Pick<NewService, 'ipv4' | 'ipv6' | 'wide'>>;

/**
 * A plain next hop is one address, of one family: a service with both families needs one
 * per family (exaplug refuses the other family's address), so `alt` becomes `{ alt, alt }`.
 */
export function normalised(service: Unnamed): ServiceSpec {
  const { name, checkId, checkKind, ips, strategy, nextHop, communities, timing } = service;
  const families = new Set(ips.map(familyOf));
  const fixedNextHop: NextHopSpec = nextHop === 'alt' && families.size > 1 ? { ipv4: 'alt', ipv6: 'alt' } : nextHop;
  return { name, checkId, checkKind, ips, strategy, nextHop: fixedNextHop, communities, ...(timing && { timing }) };
}
