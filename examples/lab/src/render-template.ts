import { readFileSync, writeFileSync } from 'node:fs';

/** Fills `{{KEY}}` placeholders; a placeholder without a value is an error, not an empty string. */
export function renderTemplate(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{([A-Z_]+)\}\}/g, (_match, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`template value ${key} is missing`);
    return String(value);
  });
}

/** Renders a template file into `target`. */
export function writeTemplate(source: string, target: string, values: Record<string, string | number>): void {
  writeFileSync(target, renderTemplate(readFileSync(source, 'utf8'), values));
}
