import { describe, expect, it } from 'vitest';
import { parseConfig } from '@exaplug/core';
import { parseHealthcheckArgs } from './parse-healthcheck-args.js';
import { translateHealthcheckArgs, translateHealthcheckOptions } from './translate-healthcheck-args.js';

const translate = (...argv: string[]) => translateHealthcheckOptions(parseHealthcheckArgs(['--no-ip-setup', ...argv]));
const strategyOf = (...argv: string[]) => {
  const { config, serviceName } = translate(...argv);
  return (config.services[serviceName]?.strategy as { with: Record<string, unknown> }).with;
};

describe('translateHealthcheckOptions', () => {
  it('makes one exec service with the fixed strategy and the healthcheck defaults', () => {
    const { config, warnings } = translate('--cmd', 'curl -sf http://[::1]/', '--ip', '2001:db8:30::1', '--ip', '2001:db8:30::2');
    expect(warnings).toEqual([]);
    expect(config.services.healthcheck).toEqual({
      ips: ['2001:db8:30::1', '2001:db8:30::2'],
      check: { use: 'exec', with: { command: 'curl -sf http://[::1]/' } },
      interval: 5000,
      fastInterval: 1000,
      timeout: 5000,
      rise: 3,
      fall: 3,
      minDwell: 0,
      strategy: { use: 'fixed', with: { metrics: { up: 100, down: 1000, disabled: 500 }, increase: 1, startIp: 0 } },
    });
    expect(config.exabgp).toEqual({ acks: 'auto' });
  });

  it('produces a config that exaplug accepts', () => {
    const { config } = translate('--ip', '192.0.2.1', '--community', '65000:1 65000:2', '--as-path', '65001 65001', '--withdraw-on-down');
    expect(parseConfig(config, undefined, '/').services[0]?.strategy.use).toBe('fixed');
  });

  it('maps every advertising option onto the strategy', () => {
    expect(
      strategyOf(
        '--ip', '192.0.2.1', '--next-hop', '192.0.2.254', '--local-preference', '200', '--start-ip', '2', '--up-metric', '10',
        '--down-metric', '20', '--disabled-metric', '30', '--increase', '0', '--community', '65000:1',
        '--extended-community', 'target:65000:1', '--large-community', '65000:1:1', '--as-path', '[ 65001 65002 ]',
        '--path-id', '7', '--neighbor', '10.0.0.1', '--neighbor', '10.0.0.2', '--withdraw-on-down',
      ),
    ).toEqual({
      metrics: { up: 10, down: 20, disabled: 30 },
      increase: 0,
      startIp: 2,
      withdrawOn: ['down', 'disabled'],
      nextHop: '192.0.2.254',
      localPreference: 200,
      communities: ['65000:1'],
      extendedCommunities: ['target:65000:1'],
      largeCommunities: ['65000:1:1'],
      asPath: [65001, 65002],
      pathInformation: '7',
      neighbors: ['10.0.0.1', '10.0.0.2'],
    });
  });

  it('uses --disabled-community when down as well as when disabled, and the as-path of each state', () => {
    expect(strategyOf('--ip', '192.0.2.1', '--disabled-community', '65000:666', '--down-as-path', '65001 65001 65001').states).toEqual({
      down: { asPath: [65001, 65001, 65001], communities: ['65000:666'] },
      disabled: { communities: ['65000:666'] },
    });
  });

  it('converts seconds to milliseconds and --no-ack to acks off', () => {
    const { config } = translate('--ip', '192.0.2.1', '--interval', '0.5', '--fast-interval', '0.1', '--timeout', '2', '--no-ack');
    expect(config.services.healthcheck).toMatchObject({ interval: 500, fastInterval: 100, timeout: 2000 });
    expect(config.exabgp).toEqual({ acks: 'off' });
  });

  it('names the service after --name and keeps --disable and --debug', () => {
    const { config, serviceName } = translate('--ip', '192.0.2.1', '--name', 'nginx web', '--disable', '/etc/maint', '--debug');
    expect(serviceName).toBe('nginx-web');
    expect(config.services['nginx-web']?.disableFile).toBe('/etc/maint');
    expect(config.log).toEqual({ level: 'debug' });
  });

  it('deaggregates networks into host routes', () => {
    expect(translate('--ip', '192.0.2.0/30', '--deaggregate-networks').config.services.healthcheck?.ips).toEqual([
      '192.0.2.0/32',
      '192.0.2.1/32',
      '192.0.2.2/32',
      '192.0.2.3/32',
    ]);
    expect(translate('--ip', '2001:db8::/127', '--deaggregate-networks').config.services.healthcheck?.ips).toEqual(['2001:db8::/128', '2001:db8::1/128']);
  });

  it('uses the IPs found on lo when no --ip is given, and refuses to run with none', () => {
    expect(translateHealthcheckOptions(parseHealthcheckArgs([]), { loopbackIps: ['192.0.2.7/32'] }).config.services.healthcheck?.ips).toEqual(['192.0.2.7/32']);
    expect(() => translateHealthcheckOptions(parseHealthcheckArgs([]))).toThrow(/No IP found/);
  });

  it('warns about what exaplug does not do, naming each flag', () => {
    const { warnings, host } = translateHealthcheckOptions(
      parseHealthcheckArgs(['--ip', '192.0.2.1', '--dynamic-ip-setup', '--sudo', '--execute', 'logger x', '--pid', '/run/hc.pid', '--user', 'nobody', '--interval', '0']),
    );
    expect(warnings.map((warning) => warning.flag)).toEqual(['dynamic-ip-setup', 'sudo', 'user', 'pid', 'user', 'interval']);
    expect(host).toEqual({ pidFile: '/run/hc.pid', user: 'nobody' });
  });

  it('warns that with --user and IP setup on, the IPs would be added as that user (after the drop)', () => {
    const warningsFor = (...argv: string[]) => translateHealthcheckOptions(parseHealthcheckArgs(['--ip', '192.0.2.1', ...argv])).warnings.map((warning) => warning.message);
    expect(warningsFor('--user', 'nobody')).toContainEqual(expect.stringMatching(/adds the IPs after dropping privileges.*--no-ip-setup/));
    expect(warningsFor('--user', 'nobody', '--no-ip-setup')).not.toContainEqual(expect.stringMatching(/after dropping privileges/));
  });

  it('refuses an AS path exaplug cannot send', () => {
    expect(() => translate('--ip', '192.0.2.1', '--as-path', '( 65001 65002 )')).toThrow(/exaplug takes AS numbers only/);
  });

  it('reads a healthcheck config file through the injected reader', () => {
    const { config } = translateHealthcheckArgs(['--config', 'x'], { readConfigFile: () => 'no-ip-setup\nip = 192.0.2.1\ncmd = true\n' });
    expect(config.services.healthcheck?.check).toEqual({ use: 'exec', with: { command: 'true' } });
  });

  it('runs the execute commands as hooks and sets the IPs on lo unless --no-ip-setup', () => {
    const { config } = translateHealthcheckOptions(
      parseHealthcheckArgs(['--ip', '192.0.2.1', '--execute', 'logger a', '--execute', 'logger b', '--down-execute', 'logger down']),
    );
    expect(config.services.healthcheck?.hooks).toEqual({ onChange: ['logger a', 'logger b'], onDown: ['logger down'] });
    expect(config.ipSetup).toEqual({ interface: 'lo' });
    expect(translateHealthcheckOptions(parseHealthcheckArgs(['--ip', '192.0.2.1', '--no-ip-setup'])).config.ipSetup).toBeUndefined();
  });
});
