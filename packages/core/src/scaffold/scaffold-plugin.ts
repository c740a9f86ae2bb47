import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ExaplugError } from '../errors.js';
import { derivePluginNames } from './derive-plugin-names.js';
import type { PluginKind } from './derive-plugin-names.js';
import { findTemplatesDir } from './find-templates-dir.js';
import { renderCoreLinkLockfile } from './render-core-link-lockfile.js';
import type { CoreLink } from './render-core-link-lockfile.js';
import { renderTemplate } from './render-template.js';
import { readTemplateFiles, writeTemplateFiles } from './template-files.js';

export interface ScaffoldRequest {
  kind: PluginKind;
  name: string;
  /** npm scope: `@acme/check-<name>` instead of `exaplug-check-<name>`. */
  scope?: string;
  /** Folder to create; defaults to the package's bare name inside `cwd`. */
  dir?: string;
  cwd: string;
  /** Where `check-plugin/` and `strategy-plugin/` live; found automatically when absent. */
  templatesDir?: string;
  /** A local `@exaplug/core` for the plugin's tests, linked by its package-lock.json; the registry's when absent. */
  coreLink?: CoreLink;
}

export interface ScaffoldedPlugin {
  dir: string;
  packageName: string;
  /** Relative paths of the files written. */
  files: string[];
}

/** Creates a new plugin package from the template; refuses a folder that already exists. */
export async function scaffoldPlugin(request: ScaffoldRequest): Promise<ScaffoldedPlugin> {
  const names = derivePluginNames(request.kind, request.name, request.scope);
  const dir = resolve(request.cwd, request.dir ?? names.bareName);
  const templatesDir = request.templatesDir ?? (await findTemplatesDir());
  const files = renderTemplate(await readTemplateFiles(join(templatesDir, `${request.kind}-plugin`)), names);
  const packageJson = files.find((file) => file.path === 'package.json');
  if (request.coreLink && packageJson) files.push(renderCoreLinkLockfile(packageJson.content, dir, request.coreLink));
  await mkdir(dirname(dir), { recursive: true });
  try {
    await mkdir(dir);
  } catch (error) {
    const exists = (error as NodeJS.ErrnoException).code === 'EEXIST';
    const message = exists ? `${dir} already exists; choose another --dir` : `cannot create ${dir}`;
    throw new ExaplugError('EXAPLUG_SCAFFOLD', message, { cause: error });
  }
  await writeTemplateFiles(dir, files);
  return { dir, packageName: names.packageName, files: files.map((file) => file.path) };
}
