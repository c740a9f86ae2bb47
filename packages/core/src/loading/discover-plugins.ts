import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface DiscoveredPackage {
  name: string;
  version: string | undefined;
  kind: 'check' | 'strategy';
  directory: string;
}

const patterns: Array<[RegExp, 'check' | 'strategy']> = [
  [/^(@[^/]+\/)?(exaplug-)?check-[a-z0-9._-]+$/, 'check'],
  [/^(@[^/]+\/)?(exaplug-)?strategy-[a-z0-9._-]+$/, 'strategy'],
];

/** Classifies a package name: `@exaplug/check-http`, `exaplug-check-redis`, `@acme/strategy-x`. */
export function pluginKindOf(name: string): 'check' | 'strategy' | undefined {
  for (const [pattern, kind] of patterns) {
    if (pattern.test(name) && (name.startsWith('@') || name.startsWith('exaplug-'))) return kind;
  }
  return undefined;
}

/** Lists plugin packages in every node_modules from each base upwards, nearest first. */
export async function discoverPlugins(bases: readonly string[]): Promise<DiscoveredPackage[]> {
  const seen = new Map<string, DiscoveredPackage>();
  for (const base of bases) {
    for (let directory = base; ; directory = dirname(directory)) {
      await collect(join(directory, 'node_modules'), seen);
      if (dirname(directory) === directory) break;
    }
  }
  return [...seen.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}

async function collect(nodeModules: string, seen: Map<string, DiscoveredPackage>) {
  for (const entry of await list(nodeModules)) {
    const names = entry.startsWith('@') ? (await list(join(nodeModules, entry))).map((inner) => `${entry}/${inner}`) : [entry];
    for (const name of names) {
      const kind = pluginKindOf(name);
      if (!kind || seen.has(name)) continue;
      const directory = join(nodeModules, name);
      const manifest = await readManifest(directory);
      // A template workspace (`exaplug new` copies it) is a plugin's source, not a plugin to use.
      if (manifest.exaplug?.template === true) continue;
      seen.set(name, { name, version: manifest.version, kind, directory });
    }
  }
}

async function list(directory: string): Promise<string[]> {
  try {
    return await readdir(directory);
  } catch {
    return [];
  }
}

async function readManifest(directory: string): Promise<{ version?: string; exaplug?: { template?: unknown } }> {
  try {
    return JSON.parse(await readFile(join(directory, 'package.json'), 'utf8')) as { version?: string; exaplug?: { template?: unknown } };
  } catch {
    return {};
  }
}
