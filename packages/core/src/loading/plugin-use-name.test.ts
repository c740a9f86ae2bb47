import { describe, expect, it } from 'vitest';
import { pluginUseName } from './plugin-use-name.js';

describe('pluginUseName', () => {
  it('gives the short name that use: resolves to the package', () => {
    const installed = new Set(['@exaplug/check-http', 'exaplug-check-redis', 'exaplug-strategy-weighted']);
    expect(pluginUseName('check', '@exaplug/check-http', installed, [])).toBe('http');
    expect(pluginUseName('check', 'exaplug-check-redis', installed, [])).toBe('redis');
    expect(pluginUseName('strategy', 'exaplug-strategy-weighted', installed, [])).toBe('weighted');
  });

  it('keeps the package name of a package that has no short name', () => {
    expect(pluginUseName('check', '@acme/check-radius', new Set(['@acme/check-radius']), [])).toBe('@acme/check-radius');
  });

  it('keeps the package name when the short name reaches something else first', () => {
    const both = new Set(['@exaplug/check-http', 'exaplug-check-http']);
    expect(pluginUseName('check', 'exaplug-check-http', both, [])).toBe('exaplug-check-http');
    expect(pluginUseName('check', '@exaplug/check-http', both, [])).toBe('http');
    expect(pluginUseName('check', 'exaplug-check-exec', new Set(['exaplug-check-exec']), ['exec', 'file'])).toBe('exaplug-check-exec');
  });
});
