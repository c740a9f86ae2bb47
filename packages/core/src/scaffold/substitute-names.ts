import type { PluginNames } from './derive-plugin-names.js';

/**
 * Templates are real, tested packages named `example`; this finds every spelling of that
 * name in one pass (so a new name that itself contains "example" is not replaced twice).
 */
const placeholder = /exaplug-(?:check|strategy)-example|template-(?:check|strategy)-plugin|[Ee]xample/g;

const identifierChar = /[\w$]/;

/** Rewrites a template file's text for the new plugin. */
export function substituteNames(text: string, names: PluginNames): string {
  return text.replace(placeholder, (match, offset: number) => {
    if (match.startsWith('exaplug-')) return names.packageName;
    if (match.startsWith('template-')) return names.bareName;
    if (match === 'Example') return names.pascal;
    // `exampleOptions` is an identifier; `'example'` and `example check` are the plugin's name.
    return identifierChar.test(text.charAt(offset + match.length)) ? names.camel : names.name;
  });
}
