import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
// The two functions, not semver's index: that loads all 50 of its modules at every start.
import satisfies from 'semver/functions/satisfies.js';
import validRange from 'semver/ranges/valid.js';
import { builtinChecks } from '../checks/builtin-checks.js';
import { ExaplugError } from '../errors.js';
import { builtinStrategies } from '../strategies/builtin-strategies.js';
import { coreVersion } from '../plugins/core-version.js';
import { isCheckDefinition, type CheckDefinition } from '../plugins/define-check.js';
import { isStrategyDefinition, type StrategyDefinition } from '../plugins/define-strategy.js';
import { resolvePackageEntry } from './resolve-package-entry.js';

export type PluginKind = 'check' | 'strategy';

/** Where a plugin came from, for logs and `exaplug plugins`. */
export interface PluginOrigin {
  source: 'builtin' | 'package' | 'path';
  /** The package name or absolute path that was imported. */
  resolvedAs: string;
  version: string | undefined;
  /** The file imported (absent for built-ins). */
  file?: string;
}

export interface LoadedPlugin<Definition> {
  definition: Definition;
  origin: PluginOrigin;
}

/** Imports a module by URL; injected so tests can count or refuse imports. */
export type ModuleImporter = (url: string) => Promise<Record<string, unknown>>;

const importModule: ModuleImporter = (url) => import(url) as Promise<Record<string, unknown>>;

/** Directory of the installed @exaplug/core: globally installed plugins sit beside it. */
const coreDirectory = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Where installed plugins are looked for, in order: next to the config, next to core, the working directory. */
export function pluginSearchBases(configDir: string): string[] {
  return [configDir, coreDirectory, process.cwd()];
}

/** `http` → `@exaplug/check-http`, then `exaplug-check-http`, then `http` itself. */
export function packageCandidates(kind: PluginKind, use: string): string[] {
  if (use.startsWith('@') || use.includes('/')) return [use];
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(use)) return [use];
  return [`@exaplug/${kind}-${use}`, `exaplug-${kind}-${use}`, use];
}

function isPathReference(use: string): boolean {
  return use.startsWith('./') || use.startsWith('../') || isAbsolute(use) || use.startsWith('file:');
}

/** Loads a check by `use` (built-in, short name, package or path), validating what it exports. */
export function loadCheck(use: string, configDir: string, importer: ModuleImporter = importModule) {
  return loadPlugin<CheckDefinition>('check', use, configDir, importer);
}

/** Loads a metric strategy the same way. */
export function loadStrategy(use: string, configDir: string, importer: ModuleImporter = importModule) {
  return loadPlugin<StrategyDefinition>('strategy', use, configDir, importer);
}

/**
 * Loads already made, by importer: a thousand services using `http` resolve the package
 * once, not a thousand times (`validate` took 3.6 s). Node's ESM cache keeps a module
 * anyway; a failed load is forgotten, so a plugin installed after a refusal is found on
 * the next reload.
 */
const loads = new WeakMap<ModuleImporter, Map<string, Promise<LoadedPlugin<CheckDefinition | StrategyDefinition>>>>();

function loadPlugin<Definition extends CheckDefinition | StrategyDefinition>(
  kind: PluginKind,
  use: string,
  configDir: string,
  importer: ModuleImporter,
): Promise<LoadedPlugin<Definition>> {
  let cache = loads.get(importer);
  if (!cache) loads.set(importer, (cache = new Map()));
  const key = `${kind}\0${use}\0${configDir}`;
  let loading = cache.get(key);
  if (!loading) {
    loading = resolveAndImport(kind, use, configDir, importer);
    cache.set(key, loading);
    loading.catch(() => cache.delete(key));
  }
  return loading as Promise<LoadedPlugin<Definition>>;
}

async function resolveAndImport(
  kind: PluginKind,
  use: string,
  configDir: string,
  importer: ModuleImporter,
): Promise<LoadedPlugin<CheckDefinition | StrategyDefinition>> {
  const builtins = kind === 'check' ? builtinChecks : builtinStrategies;
  const builtin = builtins[use];
  if (builtin) return { definition: builtin, origin: { source: 'builtin', resolvedAs: use, version: coreVersion } };

  const target = isPathReference(use) ? await resolvePathTarget(use, configDir) : await resolvePackageTarget(kind, use, configDir);
  let module: Record<string, unknown>;
  try {
    module = await importer(pathToFileURL(target.file).href);
  } catch (error) {
    throw new ExaplugError('EXAPLUG_PLUGIN_LOAD', `${target.resolvedAs}: import failed: ${(error as Error).message}`, { cause: error });
  }
  const definition = pickDefinition(kind, module, target.resolvedAs);
  assertCompatible(definition, target.resolvedAs, target.version);
  return { definition, origin: target };
}

async function resolvePathTarget(use: string, configDir: string): Promise<PluginOrigin & { file: string }> {
  const file = use.startsWith('file:') ? fileURLToPath(use) : resolve(configDir, use);
  if (!existsSync(file)) throw new ExaplugError('EXAPLUG_PLUGIN_NOT_FOUND', `${use}: no file at ${file}`);
  return { source: 'path', resolvedAs: file, version: await nearestPackageVersion(file), file };
}

async function resolvePackageTarget(kind: PluginKind, use: string, configDir: string): Promise<PluginOrigin & { file: string }> {
  const candidates = packageCandidates(kind, use);
  for (const name of candidates) {
    for (const base of pluginSearchBases(configDir)) {
      const found = await resolvePackageEntry(name, base);
      if (found) return { source: 'package', resolvedAs: found.name, version: found.version, file: found.entry };
    }
  }
  throw new ExaplugError(
    'EXAPLUG_PLUGIN_NOT_FOUND',
    `${kind} "${use}": no installed package ${candidates.map((c) => `"${c}"`).join(' or ')} from ${configDir} (npm install it next to the config or next to @exaplug/core)`,
  );
}

function pickDefinition(kind: PluginKind, module: Record<string, unknown>, name: string) {
  const isDefinition = kind === 'check' ? isCheckDefinition : isStrategyDefinition;
  const candidate = module[kind] ?? module.default;
  if (isDefinition(candidate)) return candidate;
  const exported = Object.keys(module).join(', ') || 'nothing';
  const helper = kind === 'check' ? 'defineCheck' : 'defineStrategy';
  throw new ExaplugError(
    'EXAPLUG_PLUGIN_INVALID',
    `${name}: expected an export named "${kind}" made with ${helper}() from @exaplug/core/plugin; it exports ${exported}`,
  );
}

function assertCompatible(definition: CheckDefinition | StrategyDefinition, name: string, version: string | undefined) {
  const range = definition.coreVersion;
  if (!validRange(range) || !satisfies(coreVersion, range, { includePrerelease: true })) {
    throw new ExaplugError(
      'EXAPLUG_PLUGIN_INCOMPATIBLE',
      `${name}${version ? `@${version}` : ''} supports @exaplug/core ${range}, but this is @exaplug/core ${coreVersion}`,
    );
  }
}

async function nearestPackageVersion(file: string): Promise<string | undefined> {
  let directory = dirname(file);
  for (let depth = 0; depth < 4; depth++) {
    try {
      return (JSON.parse(await readFile(join(directory, 'package.json'), 'utf8')) as { version?: string }).version;
    } catch {
      directory = dirname(directory);
    }
  }
  return undefined;
}
