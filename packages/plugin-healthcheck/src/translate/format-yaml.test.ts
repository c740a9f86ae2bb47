import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatYaml } from './format-yaml.js';

describe('formatYaml', () => {
  it('writes block maps and flow lists that YAML reads back unchanged', () => {
    const value = {
      services: {
        web: {
          ips: ['2001:db8:30::1/128', '192.0.2.1/32'],
          check: { use: 'exec', with: { command: "curl -sf 'http://[::1]/' | grep -q ok" } },
          rise: 3,
          strategy: { use: 'fixed', with: { communities: ['65000:1', 'no-export'], asPath: [65001], states: {} } },
        },
      },
      odd: ['a, b', 'true', '5', '#x', ' padded', 'yes'],
      level: 'info',
    };
    expect(parse(formatYaml(value))).toEqual(value);
  });

  it('leaves ordinary words and addresses unquoted', () => {
    expect(formatYaml({ ips: ['2001:db8:30::1/128'], use: 'exec', interval: '5s' })).toBe('ips: [2001:db8:30::1/128]\nuse: exec\ninterval: 5s');
  });
});
