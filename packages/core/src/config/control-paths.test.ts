import { describe, expect, it } from 'vitest';
import { controlPathsOf, defaultControlPaths } from './control-paths.js';
import { parseConfig } from './parse-config.js';

const service = { ips: ['192.0.2.1/32'], check: { use: 'exec', with: { command: 'true' } } };

describe('the per-process control socket and state dir', () => {
  it('derives both from the absolute config path: one pair per exaplug of a host', () => {
    const web = defaultControlPaths({ filepath: '/etc/exaplug/web.yaml' });
    expect(web).toEqual({ socket: '/run/exaplug/web-75b88350.sock', stateDir: '/var/lib/exaplug/web-75b88350' });
    const dns = defaultControlPaths({ filepath: '/etc/exaplug/dns.yaml' });
    expect(dns.socket).not.toBe(web.socket);
    expect(dns.stateDir).not.toBe(web.stateDir);
    // Same basename in another directory: another process, another pair.
    expect(defaultControlPaths({ filepath: '/srv/exaplug/web.yaml' }).socket).not.toBe(web.socket);
  });

  it('reads the same path however it is spelt', () => {
    expect(defaultControlPaths({ filepath: '/etc/exaplug/./sub/../web.yaml' })).toEqual(defaultControlPaths({ filepath: '/etc/exaplug/web.yaml' }));
  });

  it('names a config given in memory (exaplug healthcheck) by its services and their IPs', () => {
    const paths = defaultControlPaths({ services: [{ name: 'web', ips: ['192.0.2.1/32'] }] });
    expect(paths.socket).toMatch(/^\/run\/exaplug\/web-[0-9a-f]{8}\.sock$/);
    // The IP as written or as the schema resolves it: one process.
    expect(defaultControlPaths({ services: [{ name: 'web', ips: ['192.0.2.1'] }] })).toEqual(paths);
    expect(defaultControlPaths({ services: [{ name: 'dns', ips: ['192.0.2.1/32'] }] }).socket).not.toBe(paths.socket);
    // Two healthchecks without --name are both `healthcheck`: their IPs tell them apart.
    const one = defaultControlPaths({ services: [{ name: 'healthcheck', ips: ['192.0.2.1'] }] });
    expect(defaultControlPaths({ services: [{ name: 'healthcheck', ips: ['192.0.2.2'] }] }).socket).not.toBe(one.socket);
    const raw = { services: { web: { ips: ['192.0.2.1'], check: { use: 'exec', with: { command: 'true' } } } } };
    expect(controlPathsOf(raw, undefined, '/tmp').socket).toBe(parseConfig(raw, undefined, '/tmp').control.socket);
  });

  it('keeps a socket path short enough for a unix socket whatever the file is called', () => {
    const long = defaultControlPaths({ filepath: `/etc/exaplug/${'x'.repeat(200)}.yaml` });
    expect(long.socket.length).toBeLessThan(80);
  });

  it('is what a valid config resolves to when it sets neither control.socket nor stateDir', () => {
    const config = parseConfig({ services: { web: service } }, '/etc/exaplug/web.yaml', '/etc/exaplug');
    expect(config.control.socket).toBe('/run/exaplug/web-75b88350.sock');
    expect(config.stateDir).toBe('/var/lib/exaplug/web-75b88350');
  });

  it('keeps an explicit control.socket and stateDir as they were (relative ones from the config directory)', () => {
    const config = parseConfig({ control: { socket: 'run/web.sock' }, stateDir: '/srv/state', services: { web: service } }, '/etc/exaplug/web.yaml', '/etc/exaplug');
    expect(config.control.socket).toBe('/etc/exaplug/run/web.sock');
    expect(config.stateDir).toBe('/srv/state');
  });

  it('reads the same paths from an invalid version of the file as from the valid one', () => {
    const valid = parseConfig({ services: { web: service } }, '/etc/exaplug/web.yaml', '/etc/exaplug');
    const broken = controlPathsOf({ services: { web: { ...service, rise: 0 } }, onStop: 'never' }, '/etc/exaplug/web.yaml', '/etc/exaplug');
    expect(broken.socket).toBe(valid.control.socket);
    expect(broken.stateDir).toBe(valid.stateDir);
    const explicit = controlPathsOf({ control: { socket: '/run/x.sock', sokcet: 1 }, services: 'oops' }, '/etc/exaplug/web.yaml', '/etc/exaplug');
    expect(explicit.socket).toBe('/run/x.sock');
  });

  it('reads metrics.listen from an invalid file when that section is itself valid', () => {
    expect(controlPathsOf({ metrics: {}, services: 'oops' }, '/e/w.yaml', '/e').metricsListen).toBe('127.0.0.1:9324');
    expect(controlPathsOf({ metrics: { listen: '[::1]:9400' } }, '/e/w.yaml', '/e').metricsListen).toBe('[::1]:9400');
    expect(controlPathsOf({ metrics: { listen: 'nonsense' } }, '/e/w.yaml', '/e').metricsListen).toBeUndefined();
    expect(controlPathsOf({}, '/e/w.yaml', '/e').metricsListen).toBeUndefined();
  });
});
