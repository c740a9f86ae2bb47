import { describe, expect, it } from 'vitest';
import { coreDirectory, resolveCoreLink } from './resolve-core-link.js';

describe('resolveCoreLink', () => {
  it('links a core that runs from a checkout, whose version the registry may not have', () => {
    expect(resolveCoreLink(undefined, '/src/exaplug/packages/core')).toBe('/src/exaplug/packages/core');
  });

  it('leaves an installed core to the registry unless asked to link it', () => {
    expect(resolveCoreLink(undefined, '/usr/lib/node_modules/@exaplug/core')).toBeUndefined();
    expect(resolveCoreLink(true, '/usr/lib/node_modules/@exaplug/core')).toBe('/usr/lib/node_modules/@exaplug/core');
    expect(resolveCoreLink(false, '/src/exaplug/packages/core')).toBeUndefined();
  });

  it('finds this core’s own package folder', () => {
    expect(coreDirectory).toMatch(/packages[\\/]core$/);
  });
});
