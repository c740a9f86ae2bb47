import type { PluginNames } from './derive-plugin-names.js';
import { substituteNames } from './substitute-names.js';

/** One file of a template or of the package made from it; `path` is relative, with `/`. */
export interface TemplateFile {
  path: string;
  content: string;
}

/** npm leaves `.gitignore` out of published packages, so core ships it without the dot. */
const renamedFiles: Record<string, string> = { gitignore: '.gitignore' };

export interface RenderOptions {
  /**
   * The `@exaplug/core` devDependency spec instead of `^<version>`: `file:/path/to/core`
   * when the running core is not one the registry has (see resolveCoreDependency).
   */
  coreDependency?: string;
}

/** Turns the template's files into the new plugin's: names substituted, package.json made publishable. */
export function renderTemplate(files: readonly TemplateFile[], names: PluginNames, options: RenderOptions = {}): TemplateFile[] {
  return files.map((file) => {
    const path = renamedFiles[file.path] ?? file.path;
    const content = substituteNames(file.content, names);
    return { path, content: path === 'package.json' ? preparePackageJson(content, options.coreDependency) : content };
  });
}

/** The template is a private workspace pinned to this core; the new package is neither. */
function preparePackageJson(content: string, coreDependency: string | undefined): string {
  const manifest = JSON.parse(content) as Record<string, unknown>;
  delete manifest.private;
  manifest.version = '0.1.0';
  const devDependencies = manifest.devDependencies as Record<string, string> | undefined;
  const core = devDependencies?.['@exaplug/core'];
  if (devDependencies && core && /^\d/.test(core)) devDependencies['@exaplug/core'] = coreDependency ?? `^${core}`;
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
