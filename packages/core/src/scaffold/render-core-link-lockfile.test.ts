import { describe, expect, it } from 'vitest';
import { renderCoreLinkLockfile } from './render-core-link-lockfile.js';

const packageJson = JSON.stringify({
  name: 'exaplug-check-redis',
  version: '0.1.0',
  peerDependencies: { '@exaplug/core': '^0.3.0' },
  devDependencies: { '@exaplug/core': '^0.3.0', vitest: '4.1.12' },
});

describe('renderCoreLinkLockfile', () => {
  it('links core by a path relative to the plugin, where package.json keeps the range', () => {
    const file = renderCoreLinkLockfile(packageJson, '/home/me/exaplug-check-redis', { directory: '/src/exaplug/packages/core', version: '0.3.0' });
    expect(file.path).toBe('package-lock.json');
    const lockfile = JSON.parse(file.content);
    expect(lockfile.packages).toEqual({
      '': {
        name: 'exaplug-check-redis',
        version: '0.1.0',
        devDependencies: { '@exaplug/core': '^0.3.0', vitest: '4.1.12' },
        peerDependencies: { '@exaplug/core': '^0.3.0' },
      },
      '../../../src/exaplug/packages/core': { name: '@exaplug/core', version: '0.3.0', dev: true },
      'node_modules/@exaplug/core': { resolved: '../../../src/exaplug/packages/core', link: true },
    });
    expect(lockfile.lockfileVersion).toBe(3);
  });
});
