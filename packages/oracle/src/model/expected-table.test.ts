import { describe, expect, it } from 'vitest';
import { expectedTable } from './expected-table.js';
import type { NextHopAddresses, OracleConfig, ServiceSpec } from './spec.js';

const addresses: NextHopAddresses = { self: { ipv4: '10.0.0.1', ipv6: '2001:db8:ff::1' }, alt: { ipv4: '10.0.0.9', ipv6: '2001:db8:ff::9' } };
const timing = { intervalMs: 200, fastIntervalMs: 100, timeoutMs: 300, rise: 1, fall: 1, minDwellMs: 0 };
const dual: ServiceSpec = {
  name: 'web',
  checkId: 'c1',
  checkKind: 'file',
  ips: ['203.0.113.1/32', '2001:db8:30::1/128'],
  strategy: { use: 'fixed', startIp: 0, metrics: { up: 100, down: 1000, disabled: 500 }, increase: 1, withdrawOn: ['down'] },
  nextHop: { ipv4: 'alt', ipv6: 'self' },
  communities: ['65001:2', '65001:1'],
};
const config = (service: ServiceSpec, drain: OracleConfig['drain'] = { gracefulShutdown: true }): OracleConfig => ({
  services: [service],
  defaults: timing,
  groupRoutes: true,
  allowedPrefixes: false,
  drain,
});

describe('the expected table', () => {
  it('announces an up service per family, with the next hop of each family and sorted communities', () => {
    const table = expectedTable(config(dual), { health: { c1: 'up' }, drained: [] }, addresses);
    expect([...table.values()]).toEqual([
      { prefix: '203.0.113.1/32', med: 100, communities: ['65001:1', '65001:2'], nextHop: '10.0.0.9' },
      { prefix: '2001:db8:30::1/128', med: 101, communities: ['65001:1', '65001:2'], nextHop: '2001:db8:ff::1' },
    ]);
  });

  it('withdraws both families of a withdrawOn-down service whose check fails or hangs', () => {
    expect(expectedTable(config(dual), { health: { c1: 'down' }, drained: [] }, addresses).size).toBe(0);
    expect(expectedTable(config(dual), { health: { c1: 'hang' }, drained: [] }, addresses).size).toBe(0);
  });

  it('drains with the disabled metrics and GRACEFUL_SHUTDOWN, whatever the check says', () => {
    const table = expectedTable(config(dual), { health: { c1: 'down' }, drained: ['web'] }, addresses);
    expect(table.get('203.0.113.1/32')).toMatchObject({ med: 500, communities: ['65001:1', '65001:2', '65535:0'] });
  });

  it('withdraws a drain after withdrawAfter, and not before', () => {
    const drain = { gracefulShutdown: false, withdrawAfterMs: 1000 };
    expect(expectedTable(config(dual, drain), { health: { c1: 'up' }, drained: ['web'] }, addresses, 500).get('203.0.113.1/32')?.communities).toEqual([
      '65001:1',
      '65001:2',
    ]);
    expect(expectedTable(config(dual, drain), { health: { c1: 'up' }, drained: ['web'] }, addresses).size).toBe(0);
  });

  it('uses fixed\'s down communities when down, and keeps a drained name drained', () => {
    const strategy = { ...dual.strategy, withdrawOn: [], downCommunities: ['65001:666'] } as ServiceSpec['strategy'];
    const down = expectedTable(config({ ...dual, strategy }), { health: { c1: 'down' }, drained: [] }, addresses);
    expect(down.get('2001:db8:30::1/128')).toMatchObject({ med: 1001, communities: ['65001:666'] });
    expect(expectedTable(config({ ...dual, name: 'api' }), { health: { c1: 'up' }, drained: ['web'] }, addresses).get('203.0.113.1/32')?.med).toBe(100);
  });
});
