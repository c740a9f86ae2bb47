import { ExaplugError } from '../errors.js';

/** What a plugin package provides. */
export type PluginKind = 'check' | 'strategy';

/** Every spelling of a new plugin's name the template needs. */
export interface PluginNames {
  kind: PluginKind;
  /** As typed and as the plugin's `name`: `smtp-banner`. */
  name: string;
  /** For identifiers: `smtpBanner`. */
  camel: string;
  /** For types: `SmtpBanner`. */
  pascal: string;
  /** `exaplug-check-smtp-banner`, or `@acme/check-smtp-banner` with a scope. */
  packageName: string;
  /** The package name without its scope; also the default folder name. */
  bareName: string;
}

const namePattern = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const scopePattern = /^@?([a-z0-9][a-z0-9._-]*)$/;

/** Throws unless `name` is lowercase words joined by single hyphens, starting with a letter. */
export function validatePluginName(kind: PluginKind, name: string): void {
  if (!namePattern.test(name) || name.length > 40) {
    throw new ExaplugError(
      'EXAPLUG_SCAFFOLD',
      `plugin name "${name}": use lowercase letters, digits and single hyphens, starting with a letter, at most 40 characters (e.g. redis, smtp-banner)`,
    );
  }
  const redundant = ['exaplug-', `${kind}-`].find((prefix) => name.startsWith(prefix));
  if (redundant) {
    throw new ExaplugError(
      'EXAPLUG_SCAFFOLD',
      `plugin name "${name}": leave out "${redundant}", the package name adds it (try "${name.slice(redundant.length)}")`,
    );
  }
}

/** Validates the name and scope and spells the name every way the template needs. */
export function derivePluginNames(kind: PluginKind, name: string, scope?: string): PluginNames {
  validatePluginName(kind, name);
  const words = name.split('-');
  const capitalized = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1));
  const pascal = capitalized.join('');
  const camel = words[0] + capitalized.slice(1).join('');
  if (scope === undefined) {
    const packageName = `exaplug-${kind}-${name}`;
    return { kind, name, camel, pascal, packageName, bareName: packageName };
  }
  const scopeName = scopePattern.exec(scope)?.[1];
  if (scopeName === undefined) {
    throw new ExaplugError('EXAPLUG_SCAFFOLD', `scope "${scope}": expected an npm scope such as @acme`);
  }
  const bareName = `${kind}-${name}`;
  return { kind, name, camel, pascal, packageName: `@${scopeName}/${bareName}`, bareName };
}
