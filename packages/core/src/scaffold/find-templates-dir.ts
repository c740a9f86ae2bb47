import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ExaplugError } from '../errors.js';

/**
 * From src/scaffold or dist/scaffold: `../../templates` is the copy packed into
 * @exaplug/core (see its prepack), `../../../../templates` is the monorepo's own.
 */
const candidates = ['../../templates/', '../../../../templates/'].map((relative) =>
  fileURLToPath(new URL(relative, import.meta.url)),
);

/** True when `dir` holds exaplug's templates, not some other `templates` folder. */
async function isTemplatesDir(dir: string): Promise<boolean> {
  try {
    const manifest = JSON.parse(await readFile(`${dir}check-plugin/package.json`, 'utf8')) as { name?: string };
    return manifest.name === 'exaplug-check-example';
  } catch {
    return false;
  }
}

/** Finds the folder holding `check-plugin/` and `strategy-plugin/`, installed or in the repo. */
export async function findTemplatesDir(): Promise<string> {
  for (const dir of candidates) {
    if (await isTemplatesDir(dir)) return dir;
  }
  throw new ExaplugError('EXAPLUG_SCAFFOLD', `plugin templates not found; looked in ${candidates.join(', ')}`);
}
