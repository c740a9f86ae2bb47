import { readFile } from 'node:fs/promises';
import { dirname, join, parse } from 'node:path';

export interface ResolvedPackage {
  name: string;
  version: string | undefined;
  directory: string;
  entry: string;
}

interface PackageJson {
  name?: string;
  version?: string;
  main?: string;
  exports?: unknown;
}

/**
 * Finds an installed package from `base` the way Node would (each node_modules upwards)
 * and picks its ESM entry. Done by hand because `require.resolve` misses import-only
 * export maps, and `import.meta.resolve` takes no parent on Node 20 without a flag.
 */
export async function resolvePackageEntry(name: string, base: string): Promise<ResolvedPackage | undefined> {
  let directory = base;
  for (;;) {
    const candidate = join(directory, 'node_modules', name);
    const manifest = await readPackageJson(candidate);
    if (manifest) {
      const entry = pickExport(manifest.exports) ?? manifest.main ?? 'index.js';
      return { name, version: manifest.version, directory: candidate, entry: join(candidate, entry) };
    }
    const parent = dirname(directory);
    if (parent === directory || directory === parse(directory).root) return undefined;
    directory = parent;
  }
}

async function readPackageJson(directory: string): Promise<PackageJson | undefined> {
  try {
    return JSON.parse(await readFile(join(directory, 'package.json'), 'utf8')) as PackageJson;
  } catch {
    return undefined;
  }
}

/** The `.` entry of an export map for ESM on Node (source-only conditions are skipped). */
export function pickExport(exports: unknown): string | undefined {
  if (typeof exports === 'string') return exports;
  if (Array.isArray(exports)) return exports.map(pickExport).find((entry) => entry !== undefined);
  if (typeof exports !== 'object' || exports === null) return undefined;
  const map = exports as Record<string, unknown>;
  if ('.' in map) return pickExport(map['.']);
  for (const condition of ['import', 'node', 'default']) {
    if (condition in map) {
      const entry = pickExport(map[condition]);
      if (entry !== undefined) return entry;
    }
  }
  return undefined;
}
