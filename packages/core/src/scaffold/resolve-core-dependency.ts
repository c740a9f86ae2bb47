import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This core's package folder, from src/scaffold or dist/scaffold. */
export const coreDirectory = fileURLToPath(new URL('../../', import.meta.url)).replace(/[\\/]$/, '');

/**
 * How a new plugin should depend on `@exaplug/core` for its tests: from the registry
 * (`undefined`: the template's `^<version>`) when this core was installed from one, or
 * `file:` this core's folder when asked (`--link-core`) or when this core runs from a
 * checkout, whose version the registry may not have (a 404 at `npm install`).
 */
export function resolveCoreDependency(link: boolean | undefined, directory: string = coreDirectory): string | undefined {
  const installed = directory.split(sep).includes('node_modules');
  return (link ?? !installed) ? `file:${directory}` : undefined;
}
