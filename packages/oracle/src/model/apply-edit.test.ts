import { describe, expect, it } from 'vitest';
import { applyEdit } from './apply-edit.js';
import type { OracleConfig, ServiceSpec } from './spec.js';

const service = (name: string, ips: string[], nextHop: ServiceSpec['nextHop'] = 'self'): ServiceSpec => ({
  name,
  checkId: name.replace('s', 'c'),
  checkKind: 'file',
  ips,
  strategy: { use: 'fixed', startIp: 0, metrics: { up: 100, down: 1000, disabled: 500 }, increase: 1, withdrawOn: [] },
  nextHop,
  communities: [],
});
const config: OracleConfig = {
  services: [service('s1', ['203.0.113.1/32', '203.0.113.2/32'], 'alt'), service('s2', ['2001:db8:30::1/128'], 'alt')],
  defaults: { intervalMs: 200, fastIntervalMs: 100, timeoutMs: 300, rise: 1, fall: 1, minDwellMs: 0 },
  groupRoutes: true,
  allowedPrefixes: false,
  drain: { gracefulShutdown: true },
};

describe('config edits', () => {
  it('moves an IP to another service, giving a service that became dual-stack a next hop per family', () => {
    const moved = applyEdit(config, { kind: 'moveIp', from: 0, ip: 1, to: 1 });
    expect(moved?.services.map((s) => s.ips)).toEqual([['203.0.113.1/32'], ['2001:db8:30::1/128', '203.0.113.2/32']]);
    expect(moved?.services[1]?.nextHop).toEqual({ ipv4: 'alt', ipv6: 'alt' });
    expect(config.services[0]?.ips).toHaveLength(2);
  });

  it('refuses edits that do not apply', () => {
    expect(applyEdit(config, { kind: 'moveIp', from: 1, ip: 0, to: 0 })).toBeUndefined();
    expect(applyEdit({ ...config, services: [config.services[0] as ServiceSpec] }, { kind: 'removeService', index: 0 })).toBeUndefined();
  });

  it('adds a service with fresh IPs, names and check, and renames to an unused name', () => {
    const strategy = config.services[0]?.strategy as ServiceSpec['strategy'];
    const added = applyEdit(config, { kind: 'addService', service: { ipv4: 1, ipv6: 1, wide: true, checkKind: 'exec', strategy, nextHop: 'self', communities: [] } });
    expect(added?.services[2]).toMatchObject({ name: 's3', checkId: 'c3', ips: ['192.0.2.0/28', '2001:db8:30::2/128'] });
    expect(applyEdit(config, { kind: 'renameService', index: 2 })?.services.map((s) => s.name)).toEqual(['s3', 's2']);
  });
});
