import { describe, expect, it } from 'vitest';
import { suggestKey } from './suggest-key.js';

describe('suggestKey', () => {
  it('suggests the known key one or two edits away', () => {
    expect(suggestKey('healthyWhn', ['path', 'healthyWhen'])).toBe('healthyWhen');
    expect(suggestKey('metric', ['metrics', 'increase'])).toBe('metrics');
    expect(suggestKey('intervall', ['interval', 'fastInterval'])).toBe('interval');
  });

  it('counts a swap of two neighbouring letters as one edit', () => {
    expect(suggestKey('prot', ['host', 'port'])).toBe('port');
  });

  it('ignores case, the commonest slip in camelCase keys', () => {
    expect(suggestKey('HealthyWhen', ['healthyWhen'])).toBe('healthyWhen');
    expect(suggestKey('withdrawon', ['withdrawOn'])).toBe('withdrawOn');
  });

  it('suggests the option a longer key starts with, as healthcheck flags ported to camelCase do', () => {
    expect(suggestKey('withdrawOnDown', ['nextHop', 'withdrawOn', 'metrics'])).toBe('withdrawOn');
  });

  it('suggests nothing when no known key is close', () => {
    expect(suggestKey('colour', ['path', 'healthyWhen'])).toBeUndefined();
    expect(suggestKey('ab', ['cd'])).toBeUndefined();
    expect(suggestKey('anything', [])).toBeUndefined();
  });

  it('prefers the closest key, then the first one declared', () => {
    expect(suggestKey('nodez', ['nodes2', 'nodes'])).toBe('nodes');
    expect(suggestKey('kay', ['key', 'bay'])).toBe('key');
  });
});
