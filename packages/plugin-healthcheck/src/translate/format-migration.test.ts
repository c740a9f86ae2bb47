import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '@exaplug/core';
import { formatMigration } from './format-migration.js';
import { parseHealthcheckArgs } from './parse-healthcheck-args.js';
import { translateHealthcheckOptions } from './translate-healthcheck-args.js';

function migrate(...argv: string[]) {
  return formatMigration(translateHealthcheckOptions(parseHealthcheckArgs(argv)), argv.join(' '));
}

describe('formatMigration', () => {
  it('turns the documented nginx setup into an http check with the fixed strategy', () => {
    const yaml = migrate('--cmd', 'curl -sf http://[::1]/', '--ip', '2001:db8:30::1', '--ip', '2001:db8:30::2', '--ip', '2001:db8:30::3', '--start-ip', '0');
    const config = parse(yaml) as { services: { healthcheck: Record<string, unknown> } };
    expect(config.services.healthcheck.check).toEqual({ use: 'http', with: { url: 'http://[::1]/', expectStatus: ['200-399'] } });
    expect(config.services.healthcheck).toMatchObject({ interval: '5s', fastInterval: '1s', timeout: '5s', minDwell: '0s' });
    expect(yaml).toContain('ipSetup:\n  interface: lo');
    expect(parseConfig(config, undefined, '/').services[0]?.ips).toEqual(['2001:db8:30::1/128', '2001:db8:30::2/128', '2001:db8:30::3/128']);
  });

  it('keeps any other command as an exec check', () => {
    const yaml = migrate('--no-ip-setup', '--cmd', 'mysql -u check -e "SELECT 1"', '--ip', '192.0.2.1', '--fast-interval', '0.2');
    const config = parse(yaml) as { services: { healthcheck: Record<string, unknown> } };
    expect(config.services.healthcheck.check).toEqual({ use: 'exec', with: { command: 'mysql -u check -e "SELECT 1"' } });
    expect(config.services.healthcheck.fastInterval).toBe('200ms');
  });

  it("makes curl's --max-time the service's deadline (a check has no timeout of its own)", () => {
    const yaml = migrate('--cmd', 'curl -sf --max-time 2 http://[::1]/', '--ip', '2001:db8:30::1');
    const config = parse(yaml) as { services: { healthcheck: Record<string, unknown> } };
    expect(config.services.healthcheck.check).toEqual({ use: 'http', with: { url: 'http://[::1]/', expectStatus: ['200-399'] } });
    expect(config.services.healthcheck.timeout).toBe('2s');
  });
});
