import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This core's package folder, from src/scaffold or dist/scaffold. */
export const coreDirectory = fileURLToPath(new URL('../../', import.meta.url)).replace(/[\\/]$/, '');

/**
 * Which `@exaplug/core` folder a new plugin's tests should be linked to, if any: none
 * (`undefined`: npm fetches the `^<version>` of package.json from the registry) when this
 * core was installed from one, this core's folder when asked (`--link-core`) or when this
 * core runs from a checkout, whose version the registry may not have (a 404 at `npm install`).
 */
export function resolveCoreLink(link: boolean | undefined, directory: string = coreDirectory): string | undefined {
  const installed = directory.split(sep).includes('node_modules');
  return (link ?? !installed) ? directory : undefined;
}
