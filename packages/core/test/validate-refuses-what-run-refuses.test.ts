import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runExaplug } from './e2e-support.js';

const exaplug = runExaplug;

const check = '{ use: exec, with: { command: "true" } }';
const service = (ips: string, strategy = '{ use: fixed }') => `    ips: ${ips}\n    check: ${check}\n    strategy: ${strategy}\n`;

/**
 * Each case here passed `exaplug validate` in 0.1 and then failed in production: the writer
 * refused the route when the service changed state (the dead node kept its MED 100), or
 * ExaBGP misread it. Each must now be refused at load, naming the place. Cases are grouped
 * into three configs (problems found by the strategy plan, by the schema, across services)
 * so that one run lists them all, as an operator would see them.
 */
const planned: Array<{ what: string; service: string; expected: RegExp }> = [
  {
    what: 'a community ExaBGP would wrap, in the down state only',
    service: service('[203.0.113.10/32]', "{ use: fixed, with: { states: { down: { communities: ['65001:100000'] } } } }"),
    expected: /services\.s0\.strategy: in state down, route 0: route "203\.0\.113\.10\/32": communities must hold/,
  },
  {
    what: 'a down MED above 2^32-1',
    service: service('[203.0.113.11/32]', '{ use: fixed, with: { metrics: { down: 4294967296 } } }'),
    expected: /services\.s1\.strategy: in state down, route 0: .*med must be an integer 0\.\.4294967295/,
  },
  {
    what: 'an up MED whose second IP overflows',
    service: service('[203.0.113.12/32, 203.0.113.13/32]', '{ use: fixed, with: { metrics: { up: 4294967295 } } }'),
    expected: /services\.s2\.strategy: in state up, route 1: .*med must be an integer/,
  },
  {
    what: 'a large community out of range',
    service: service('[203.0.113.14/32]', "{ use: fixed, with: { largeCommunities: ['1:2:4294967296'] } }"),
    expected: /services\.s3\.strategy: in state up, route 0: .*largeCommunities must hold/,
  },
  {
    what: 'a newline in the next hop',
    service: service('[203.0.113.15/32]', '{ use: fixed, with: { nextHop: "192.0.2.1\\nannounce route 0.0.0.0/0 next-hop self" } }'),
    expected: /services\.s4\.strategy: in state up, route 0: .*nextHop contains a control/,
  },
  {
    what: 'an IPv4 next hop on an IPv6 service IP',
    service: service('[2001:db8:30::1/128]', '{ use: rotate, with: { node: 0, nodes: 3, nextHop: 192.0.2.254 } }'),
    expected: /services\.s5\.strategy: in state up, route 0: .*nextHop 192\.0\.2\.254 is IPv4 but the route is IPv6/,
  },
];

const schema: Array<{ what: string; service: string; expected: RegExp }> = [
  { what: 'an IPv6 zone ID in a service IP', service: service('["fe80::1%eth0"]'), expected: /services\.s0\.ips\.0: "fe80::1%eth0" must not carry a zone ID/ },
  { what: 'host bits beyond the prefix length', service: service('[203.0.113.5/24]'), expected: /services\.s1\.ips\.0: "203\.0\.113\.5\/24" has host bits set beyond \/24/ },
];

const across: Array<{ what: string; service: string; expected: RegExp }> = [
  { what: 'one route in two services, spelled two ways (first)', service: service('[2001:db8:30::1]'), expected: /./ },
  {
    what: 'one route in two services, spelled two ways',
    service: service('[2001:db8:30::1/128]'),
    expected: /services\.s1\.ips\.0: 2001:db8:30::1\/128 is also 2001:db8:30::1\/128 of services\.s0\.ips\.0/,
  },
  { what: 'a service IP outside allowedPrefixes', service: service('[2001:db8:99::1]'), expected: /services\.s2\.ips\.0: 2001:db8:99::1\/128 is outside allowedPrefixes/ },
];

const configOf = (cases: Array<{ service: string }>, head = '') =>
  `${head}services:\n${cases.map((c, i) => `  s${i}:\n${c.service}`).join('')}`;

describe('validate and plan refuse everything run would refuse', () => {
  let dir: string;
  beforeAll(async () => {
    assertBuilt();
    dir = await mkdtemp(join(tmpdir(), 'exaplug-refuse-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each([
    ['the strategy plan of every state', configOf(planned), planned],
    ['the schema', configOf(schema), schema],
    ['ownership across services and the allow-list', configOf(across, "allowedPrefixes: ['2001:db8:30::/48 le 128']\n"), across],
  ] as const)('refuses what %s would make the writer refuse, each with its path (validate and plan exit 1)', async (_, yaml, cases) => {
    const config = join(dir, `${Math.random().toString(36).slice(2)}.yaml`);
    await writeFile(config, yaml);
    const [validate, plan] = await Promise.all([exaplug('validate', '--config', config), exaplug('plan', '--config', config)]);
    for (const { what, expected } of cases) {
      expect(validate.stderr, `validate: ${what}`).toMatch(expected);
      expect(plan.stderr, `plan: ${what}`).toMatch(expected);
    }
    expect(validate.code).toBe(1);
    expect(plan.code).toBe(1);
    expect(plan.stdout).not.toContain('# refused');
  }, 30_000);

  it('accepts a mixed-family service with a next hop per family, and plan writes each', async () => {
    const config = join(dir, 'mixed.yaml');
    await writeFile(
      config,
      `services:\n  web:\n${service('[203.0.113.10/32, 2001:db8:30::1/128]', '{ use: fixed, with: { nextHop: { ipv4: 192.0.2.254, ipv6: "2001:db8::fe" } } }')}`,
    );
    const validate = await exaplug('validate', '--config', config);
    expect(validate.stderr).toBe('');
    expect(validate.code).toBe(0);
    const plan = await exaplug('plan', '--config', config);
    expect(plan.stdout).toContain('announce route 203.0.113.10/32 next-hop 192.0.2.254 med 100');
    expect(plan.stdout).toContain('announce route 2001:db8:30::1/128 next-hop 2001:db8::fe med 101');
  }, 30_000);
});
