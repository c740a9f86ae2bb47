import type { z } from 'zod';
import { objectSchemasAt } from './object-schemas-at.js';
import { suggestKey } from './suggest-key.js';

/**
 * Flattens schema issues into `path: reason` lines that point at the place in the file:
 * `services.web.check.with.url: expected a URL`. Given the schema that raised them, an
 * unknown key comes with the known key it was probably meant to be.
 */
export function formatIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly (string | number)[] = [],
  schema?: z.core.$ZodType,
): string[] {
  return issues.map((issue) => {
    const path = [...prefix, ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))];
    const where = path.length === 0 ? '(root)' : path.join('.');
    return `${where}: ${describeIssue(issue, schema)}`;
  });
}

function describeIssue(issue: z.core.$ZodIssue, schema: z.core.$ZodType | undefined): string {
  if (issue.code === 'unrecognized_keys') return describeUnknownKeys(issue.keys, schema ? knownKeysAt(schema, issue.path) : []);
  // A missing key, in zod's own words ("…, received undefined"); a schema's own message (a
  // moved option's `z.never({ error })`) is kept as written. `input` is not always reported.
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) return `required (expected ${issue.expected})`;
  return issue.message;
}

/** `unknown keys "metric" (did you mean "metrics"?), "colour"` */
function describeUnknownKeys(keys: readonly string[], known: readonly string[]): string {
  const named = keys.map((key) => {
    const suggestion = suggestKey(key, known);
    return suggestion === undefined ? `"${key}"` : `"${key}" (did you mean "${suggestion}"?)`;
  });
  return `unknown key${keys.length > 1 ? 's' : ''} ${named.join(', ')}`;
}

// zod's unrecognized_keys issue names the strangers but not the keys it knows: ask the schema.
function knownKeysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  return [...new Set(objectSchemasAt(schema, path).flatMap((object) => Object.keys(object._zod.def.shape)))];
}
