import type { RouteAttributes } from './messages.js';
import { toNumericCommunity } from './well-known-communities.js';

/** Attributes that stand alone, without a value after them. */
const flags = new Set(['atomic-aggregate']);

/** What follows the prefix of a text `update announced` line. */
export interface TextRouteTail {
  nextHop?: string;
  pathId?: string;
  attributes: RouteAttributes;
}

/**
 * Parses `next-hop 127.0.0.1 origin igp as-path [ 65002 ] med 10 community [ a b ] …`.
 * A value is one word or a bracketed group; 4.2 prints as-path with `[ ]`, 5.0 with `( )`.
 * A single community is printed without brackets. Unknown keys are skipped.
 */
export function parseTextRouteTail(words: string[]): TextRouteTail {
  const values = new Map<string, string[]>();
  let i = 0;
  while (i < words.length) {
    const key = words[i++] as string;
    if (flags.has(key)) continue;
    const [value, next] = readValue(words, i);
    values.set(key, value);
    i = next;
  }
  const single = (key: string): string | undefined => values.get(key)?.[0];
  const number = (key: string): number | undefined => {
    const word = single(key);
    return word !== undefined && /^\d+$/.test(word) ? Number(word) : undefined;
  };
  const origin = single('origin');
  const attributes: RouteAttributes = {};
  if (origin === 'igp' || origin === 'egp' || origin === 'incomplete') attributes.origin = origin;
  const asPath = values.get('as-path');
  if (asPath) attributes.asPath = asPath.filter((w) => /^\d+$/.test(w)).map(Number);
  const med = number('med');
  if (med !== undefined) attributes.med = med;
  const localPreference = number('local-preference');
  if (localPreference !== undefined) attributes.localPreference = localPreference;
  const communities = values.get('community');
  if (communities) attributes.communities = communities.map(toNumericCommunity);
  const large = values.get('large-community');
  if (large) attributes.largeCommunities = large;
  const extended = values.get('extended-community');
  if (extended) attributes.extendedCommunities = extended;
  const tail: TextRouteTail = { attributes };
  const nextHop = single('next-hop');
  if (nextHop !== undefined) tail.nextHop = nextHop;
  const pathId = single('path-information');
  if (pathId !== undefined) tail.pathId = pathId;
  return tail;
}

/** One word, or every word of a `[ … ]` / `( … )` group (nested groups flattened). */
function readValue(words: string[], start: number): [string[], number] {
  const first = words[start];
  if (first !== '[' && first !== '(') return [first === undefined ? [] : [first], start + 1];
  const out: string[] = [];
  let depth = 0;
  let i = start;
  for (; i < words.length; i++) {
    const word = words[i] as string;
    if (word === '[' || word === '(') depth++;
    else if (word === ']' || word === ')') depth--;
    else out.push(word);
    if (depth === 0) return [out, i + 1];
  }
  return [out, i];
}
