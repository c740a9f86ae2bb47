import type { PluginNames } from './derive-plugin-names.js';
import { substituteNames } from './substitute-names.js';

/** One file of a template or of the package made from it; `path` is relative, with `/`. */
export interface TemplateFile {
  path: string;
  content: string;
}

/** npm leaves `.gitignore` out of published packages, so core ships it without the dot. */
const renamedFiles: Record<string, string> = { gitignore: '.gitignore' };

/** Turns the template's files into the new plugin's: names substituted, package.json made publishable. */
export function renderTemplate(files: readonly TemplateFile[], names: PluginNames): TemplateFile[] {
  return files.map((file) => {
    const path = renamedFiles[file.path] ?? file.path;
    const content = substituteNames(file.content, names);
    return { path, content: path === 'package.json' ? preparePackageJson(content) : content };
  });
}

/**
 * The template is a private workspace pinned to this core; the new package is neither, and
 * names no path: a local core is linked by the lockfile (see renderCoreLinkLockfile).
 */
function preparePackageJson(content: string): string {
  const manifest = JSON.parse(content) as Record<string, unknown>;
  delete manifest.private;
  // `"exaplug": { "template": true }` hides the template from `exaplug plugins`; the new plugin is one.
  delete manifest.exaplug;
  manifest.version = '0.1.0';
  const devDependencies = manifest.devDependencies as Record<string, string> | undefined;
  const core = devDependencies?.['@exaplug/core'];
  if (devDependencies && core && /^\d/.test(core)) devDependencies['@exaplug/core'] = `^${core}`;
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
