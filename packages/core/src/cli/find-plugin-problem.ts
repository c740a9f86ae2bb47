import { sep } from 'node:path';
import type { DiscoveredPackage } from '../loading/discover-plugins.js';
import { loadCheck, loadStrategy } from '../loading/load-plugin.js';
import { describeLoadError } from './load-for-cli.js';

/**
 * Why this core cannot use an installed plugin package (a `coreVersion` range it does not
 * satisfy, an import that fails, no `defineCheck` export), or undefined when it can. The
 * package is loaded from the folder it was found in, as a config beside that folder would.
 */
export async function findPluginProblem(found: DiscoveredPackage): Promise<string | undefined> {
  const suffix = `${sep}node_modules${sep}${found.name.split('/').join(sep)}`;
  const base = found.directory.endsWith(suffix) ? found.directory.slice(0, -suffix.length) : found.directory;
  try {
    await (found.kind === 'check' ? loadCheck(found.name, base) : loadStrategy(found.name, base));
    return undefined;
  } catch (error) {
    return describeLoadError(error);
  }
}
