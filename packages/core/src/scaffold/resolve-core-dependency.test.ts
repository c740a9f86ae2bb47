import { describe, expect, it } from 'vitest';
import { coreDirectory, resolveCoreDependency } from './resolve-core-dependency.js';

describe('resolveCoreDependency', () => {
  it('links a core that runs from a checkout, whose version the registry may not have', () => {
    expect(resolveCoreDependency(undefined, '/src/exaplug/packages/core')).toBe('file:/src/exaplug/packages/core');
  });

  it('leaves an installed core to the registry unless asked to link it', () => {
    expect(resolveCoreDependency(undefined, '/usr/lib/node_modules/@exaplug/core')).toBeUndefined();
    expect(resolveCoreDependency(true, '/usr/lib/node_modules/@exaplug/core')).toBe('file:/usr/lib/node_modules/@exaplug/core');
    expect(resolveCoreDependency(false, '/src/exaplug/packages/core')).toBeUndefined();
  });

  it('finds this core’s own package folder', () => {
    expect(coreDirectory).toMatch(/packages[\\/]core$/);
  });
});
