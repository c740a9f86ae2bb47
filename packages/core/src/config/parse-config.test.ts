import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { parseConfig } from './parse-config.js';

const minimal = { services: { web: { ips: ['2001:db8:30::1/128'], check: { use: 'exec', with: { command: 'true' } } } } };

function issuesOf(raw: unknown): readonly string[] {
  try {
    parseConfig(raw, '/etc/exaplug/exaplug.yaml', '/etc/exaplug');
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected the config to be refused');
}

describe('parseConfig', () => {
  it('applies the healthcheck defaults to a minimal service', () => {
    const config = parseConfig(minimal, undefined, '/etc/exaplug');
    expect(config.services[0]).toEqual({
      name: 'web',
      ips: ['2001:db8:30::1/128'],
      check: { use: 'exec', with: { command: 'true' } },
      strategy: { use: 'fixed', with: {} },
      timing: { interval: 5000, fastInterval: 1000, downInterval: 5000, jitter: 0 },
      timeout: 5000,
      rise: 3,
      fall: 3,
      minDwell: 1000,
      refusedIsDown: true,
    });
    expect(config.exabgp).toEqual({ dialect: 'auto', acks: 'auto', ackTimeout: 5000, groupRoutes: true, readBack: { interval: 30_000, delay: 1000 } });
    expect(config.onStop).toBe('withdraw');
    expect(config.allowedPrefixes).toBeUndefined();
    expect(config.onInvalidConfig).toEqual({ action: 'withdraw', after: 30_000 });
  });

  it('reads durations and lets a service override the defaults', () => {
    const config = parseConfig(
      {
        defaults: { interval: '1s', fastInterval: '200ms', rise: 2 },
        services: { web: { ...minimal.services.web, fall: 2, downInterval: '2.5s', disableFile: 'maintenance' } },
      },
      undefined,
      '/etc/exaplug',
    );
    expect(config.services[0]).toMatchObject({
      timing: { interval: 1000, fastInterval: 200, downInterval: 2500 },
      rise: 2,
      fall: 2,
      disableFile: '/etc/exaplug/maintenance',
    });
  });

  it('names the path and the reason of every problem', () => {
    const issues = issuesOf({
      services: { web: { ips: ['2001:db8:30::1/129', 'not-an-ip'], check: { with: {} }, interval: '5 parsecs' } },
      onStop: 'explode',
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        'services.web.ips.0: "2001:db8:30::1/129" length must be 0..128',
        'services.web.ips.1: "not-an-ip" must be an IP address with an optional /length',
        'services.web.check: give exactly one of use (one check), all, any, or quorum with of',
        expect.stringMatching(/^services\.web\.interval: expected a duration like 5s or 200ms/),
        expect.stringMatching(/^onStop: /),
      ]),
    );
  });

  it('refuses unknown keys instead of ignoring a typo', () => {
    expect(issuesOf({ ...minimal, servcies: {} })).toEqual(['(root): unknown key "servcies" (did you mean "services"?)']);
  });

  it('suggests the key a typo was meant to be, wherever it sits', () => {
    const raw = { ...minimal, defaults: { intervall: '1s' }, services: { web: { ...minimal.services.web, raise: 2 } } };
    expect(issuesOf(raw)).toEqual(
      expect.arrayContaining([
        'defaults: unknown key "intervall" (did you mean "interval"?)',
        'services.web: unknown key "raise" (did you mean "rise"?)',
      ]),
    );
  });

  it('refuses a config without services', () => {
    expect(issuesOf({ services: {} })).toEqual(['services: at least one service is needed']);
    expect(issuesOf(null)).toEqual(['services: required (expected record)']);
  });

  it('keeps the valid rest of a refused config, so the good services can still be checked', () => {
    try {
      parseConfig({ onStop: 'never', services: { good: minimal.services.web, bad: { ips: [] } } }, undefined, '/etc/exaplug');
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as ConfigError).salvaged?.services.map((s) => s.name)).toEqual(['good']);
      expect((error as ConfigError).salvaged?.onStop).toBe('withdraw');
    }
  });

  it('spells every service IP one way, so two spellings of one route are one route', () => {
    const config = parseConfig(
      { services: { web: { ips: ['192.0.2.1', '2001:DB8:30:0::1'], check: { use: 'exec', with: { command: ['true'] } } } } },
      undefined,
      '/etc/exaplug',
    );
    expect(config.services[0]?.ips).toEqual(['192.0.2.1/32', '2001:db8:30::1/128']);
  });

  it('refuses host bits and zone IDs in service IPs, which the writer would refuse later', () => {
    const issues = issuesOf({ services: { web: { ...minimal.services.web, ips: ['203.0.113.5/24', 'fe80::1%eth0'] } } });
    expect(issues).toEqual([
      'services.web.ips.0: "203.0.113.5/24" has host bits set beyond /24',
      expect.stringMatching(/^services\.web\.ips\.1: "fe80::1%eth0" must not carry a zone ID/),
    ]);
  });

  it('refuses one route in two services, in any spelling', () => {
    const web = minimal.services.web;
    expect(issuesOf({ services: { a: { ...web, ips: ['192.0.2.1'] }, b: { ...web, ips: ['192.0.2.1/32'] } } })).toEqual([
      'services.b.ips.0: 192.0.2.1/32 is also 192.0.2.1/32 of services.a.ips.0: one route, one owner',
    ]);
  });

  it('refuses a service IP outside allowedPrefixes, and an unreadable allow-list entry', () => {
    const web = { ...minimal.services.web, ips: ['2001:db8:99::1'] };
    expect(issuesOf({ allowedPrefixes: ['2001:db8:30::/48 le 128'], services: { web } })).toEqual([
      'services.web.ips.0: 2001:db8:99::1/128 is outside allowedPrefixes',
    ]);
    expect(issuesOf({ allowedPrefixes: ['2001:db8:30::/48 le 12'], services: { web } })).toEqual([
      'allowedPrefixes.0: "2001:db8:30::/48 le 12": lengths must satisfy 48 <= ge <= le <= 128',
    ]);
  });
});
