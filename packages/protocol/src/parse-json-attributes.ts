import { asRecord, numberField, stringField } from './json-fields.js';
import type { RouteAttributes } from './messages.js';
import { toNumericCommunity } from './well-known-communities.js';

/**
 * The `"attribute"` object of a JSON UPDATE, normalised across 4.2, 5.0 and 6.x. Built
 * field by field, in RouteAttributes' order (every update has one: no copies, no closures).
 */
export function parseJsonAttributes(value: unknown): RouteAttributes {
  const attribute = asRecord(value);
  const attributes: RouteAttributes = {};
  if (!attribute) return attributes;
  const origin = attribute['origin'];
  if (origin === 'igp' || origin === 'egp' || origin === 'incomplete') attributes.origin = origin;
  if ('as-path' in attribute) attributes.asPath = flattenAsPath(attribute['as-path'], []);
  const med = numberField(attribute, 'med');
  if (med !== undefined) attributes.med = med;
  const localPreference = numberField(attribute, 'local-preference');
  if (localPreference !== undefined) attributes.localPreference = localPreference;
  const communities = listOf(attribute['community'], 2);
  if (communities) attributes.communities = communities;
  const largeCommunities = listOf(attribute['large-community'], 3);
  if (largeCommunities) attributes.largeCommunities = largeCommunities;
  const extendedCommunities = listOf(attribute['extended-community'], 0);
  if (extendedCommunities) attributes.extendedCommunities = extendedCommunities;
  return attributes;
}

/**
 * 4.2 writes `[ 65002 ]` (sets nested as lists); 5.0+ writes segments keyed by index,
 * `{"0": {"element": "as-sequence", "value": [65002]}}`. Both flatten to `[65002]`.
 * Object keys are taken in numeric order.
 */
function flattenAsPath(node: unknown, out: number[]): number[] {
  if (typeof node === 'number') out.push(node);
  else if (Array.isArray(node)) for (const item of node) flattenAsPath(item, out);
  else {
    const record = asRecord(node);
    if (!record) return out;
    if ('value' in record) flattenAsPath(record['value'], out);
    else for (const key of segmentKeys(record)) flattenAsPath(record[key], out);
  }
  return out;
}

/** The keys in numeric order: index keys (`"0"`, `"1"`…) already come so; others are sorted. */
function segmentKeys(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record);
  for (let i = 1; i < keys.length; i++) {
    if (!(Number(keys[i - 1]) <= Number(keys[i]))) return keys.sort((a, b) => Number(a) - Number(b));
  }
  return keys;
}

/**
 * Communities as strings: `[65002, 100]` (`length` numbers) joined with `:`, a string as
 * ExaBGP wrote it (a well-known name made numeric); extended ones (`length` 0) are strings
 * or `{ "string": … }`. Undefined when the attribute is not a list.
 */
function listOf(value: unknown, length: number): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: string[] = [];
  for (const item of value) {
    const text = length === 0 ? extendedCommunity(item) : community(item, length);
    if (text !== undefined) out.push(text);
  }
  return out;
}

function community(value: unknown, length: number): string | undefined {
  if (typeof value === 'string') return toNumericCommunity(value);
  if (!Array.isArray(value) || value.length !== length) return undefined;
  const [a, b, c] = value as unknown[];
  if (typeof a !== 'number' || typeof b !== 'number') return undefined;
  if (length === 2) return `${a}:${b}`;
  return typeof c === 'number' ? `${a}:${b}:${c}` : undefined;
}

function extendedCommunity(value: unknown): string | undefined {
  return typeof value === 'string' ? value : stringField(asRecord(value), 'string');
}
