import { relative, sep } from 'node:path';
import type { TemplateFile } from './render-template.js';

/** The parts of the new plugin's package.json that npm compares with its lockfile's root. */
interface LockedManifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** Where the core to link is and which version it is. */
export interface CoreLink {
  directory: string;
  version: string;
}

/**
 * A package-lock.json that links `@exaplug/core` to a local folder while package.json keeps
 * the registry range `^<version>`: npm never packs a lockfile, so the published package.json
 * names no path, yet `npm install` (even offline) keeps the link, and fills in the rest of
 * the lockfile itself. npm refuses a link whose target has no entry, hence the third one.
 */
export function renderCoreLinkLockfile(packageJson: string, pluginDir: string, core: CoreLink): TemplateFile {
  const manifest = JSON.parse(packageJson) as LockedManifest;
  const target = relative(pluginDir, core.directory).split(sep).join('/');
  const root: Record<string, unknown> = { name: manifest.name, version: manifest.version };
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies'] as const) {
    if (manifest[field]) root[field] = manifest[field];
  }
  const lockfile = {
    name: manifest.name,
    version: manifest.version,
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': root,
      [target]: { name: '@exaplug/core', version: core.version, dev: true },
      'node_modules/@exaplug/core': { resolved: target, link: true },
    },
  };
  return { path: 'package-lock.json', content: `${JSON.stringify(lockfile, null, 2)}\n` };
}
