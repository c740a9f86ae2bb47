import { asRecord, definedOnly, numberField, stringField } from './json-fields.js';
import type { RouteAttributes } from './messages.js';
import { toNumericCommunity } from './well-known-communities.js';

const origins = new Set(['igp', 'egp', 'incomplete']);

/** The `"attribute"` object of a JSON UPDATE, normalised across 4.2, 5.0 and 6.x. */
export function parseJsonAttributes(value: unknown): RouteAttributes {
  const attribute = asRecord(value);
  if (!attribute) return {};
  const origin = stringField(attribute, 'origin');
  return definedOnly<RouteAttributes>({
    origin: origin && origins.has(origin) ? (origin as RouteAttributes['origin']) : undefined,
    asPath: 'as-path' in attribute ? flattenAsPath(attribute['as-path']) : undefined,
    med: numberField(attribute, 'med'),
    localPreference: numberField(attribute, 'local-preference'),
    communities: listOf(attribute['community'], (c) => joinNumbers(c, 2)),
    largeCommunities: listOf(attribute['large-community'], (c) => joinNumbers(c, 3)),
    extendedCommunities: listOf(attribute['extended-community'], (c) =>
      typeof c === 'string' ? c : stringField(asRecord(c), 'string'),
    ),
  });
}

/**
 * 4.2 writes `[ 65002 ]` (sets nested as lists); 5.0+ writes segments keyed by index,
 * `{"0": {"element": "as-sequence", "value": [65002]}}`. Both flatten to `[65002]`.
 */
function flattenAsPath(value: unknown): number[] {
  const out: number[] = [];
  const visit = (node: unknown): void => {
    if (typeof node === 'number') out.push(node);
    else if (Array.isArray(node)) node.forEach(visit);
    else {
      const record = asRecord(node);
      if (!record) return;
      if ('value' in record) visit(record['value']);
      else
        Object.keys(record)
          .sort((a, b) => Number(a) - Number(b))
          .forEach((key) => visit(record[key]));
    }
  };
  visit(value);
  return out;
}

function joinNumbers(value: unknown, length: number): string | undefined {
  if (Array.isArray(value) && value.length === length && value.every((n) => typeof n === 'number')) {
    return toNumericCommunity(value.join(':'));
  }
  return typeof value === 'string' ? toNumericCommunity(value) : undefined;
}

function listOf(value: unknown, convert: (item: unknown) => string | undefined): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map(convert).filter((item): item is string => item !== undefined);
}
