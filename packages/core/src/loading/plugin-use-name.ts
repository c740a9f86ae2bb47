import { packageCandidates, type PluginKind } from './load-plugin.js';

/**
 * What a config's `use:` takes to reach an installed plugin package: its short name when
 * that resolves to this package (`@exaplug/check-http` → `http`), else the package name,
 * because a built-in or a package earlier in the lookup order answers to the short name.
 */
export function pluginUseName(
  kind: PluginKind,
  packageName: string,
  installed: ReadonlySet<string>,
  builtinNames: readonly string[],
): string {
  const short = shortNameOf(kind, packageName);
  if (short === undefined || builtinNames.includes(short)) return packageName;
  const reached = packageCandidates(kind, short).find((candidate) => installed.has(candidate));
  return reached === packageName ? short : packageName;
}

function shortNameOf(kind: PluginKind, packageName: string): string | undefined {
  for (const prefix of [`@exaplug/${kind}-`, `exaplug-${kind}-`]) {
    if (packageName.startsWith(prefix)) return packageName.slice(prefix.length);
  }
  return undefined;
}
