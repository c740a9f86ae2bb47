import { describe, expect, it } from 'vitest';
import { derivePluginNames } from './derive-plugin-names.js';
import { renderTemplate } from './render-template.js';

const names = derivePluginNames('check', 'redis');
const manifest = {
  name: 'exaplug-check-example',
  version: '0.3.0',
  private: true,
  exaplug: { template: true },
  peerDependencies: { '@exaplug/core': '^0.3.0' },
  devDependencies: { '@exaplug/core': '0.3.0', vitest: '4.1.12' },
};

describe('renderTemplate', () => {
  it('makes package.json publishable: not private, not a template, a fresh version, core as a range', () => {
    const [rendered] = renderTemplate([{ path: 'package.json', content: JSON.stringify(manifest) }], names);
    expect(JSON.parse(rendered?.content ?? '')).toEqual({
      name: 'exaplug-check-redis',
      version: '0.1.0',
      peerDependencies: { '@exaplug/core': '^0.3.0' },
      devDependencies: { '@exaplug/core': '^0.3.0', vitest: '4.1.12' },
    });
  });

  it('restores the dot of .gitignore, which npm would drop from core’s package', () => {
    const rendered = renderTemplate([{ path: 'gitignore', content: 'dist/\n' }], names);
    expect(rendered).toEqual([{ path: '.gitignore', content: 'dist/\n' }]);
  });

  it('substitutes names in every other file and keeps its path', () => {
    const rendered = renderTemplate([{ path: 'src/check.ts', content: "name: 'example'" }], names);
    expect(rendered).toEqual([{ path: 'src/check.ts', content: "name: 'redis'" }]);
  });
});
