import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { parseConfig } from './parse-config.js';

const valid = {
  defaults: { interval: '1s', rise: 2 },
  exabgp: { dialect: 'auto' },
  services: {
    web: { ips: ['2001:db8:30::1/128', '192.0.2.1'], check: { use: 'exec', with: { command: 'true' } }, strategy: { use: 'fixed' }, fall: 2 },
  },
};

/** Any JSON-like value, including the odd ones YAML can produce. */
const anyValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('services', 'defaults', 'exabgp', 'log', 'onStop', '__proto__', 'constructor')), tie('value'), {
      maxKeys: 5,
    }),
  ),
})).value;

/** The valid config with one value, somewhere in it, replaced by anything. */
const damaged = fc.tuple(fc.array(fc.constantFrom('defaults', 'exabgp', 'services', 'web', 'ips', 'check', 'with', 'strategy', 'fall', 'rise', 'interval', 'use', 'log', 'level', 0), { minLength: 1, maxLength: 4 }), anyValue).map(([path, value]) => {
  const copy = structuredClone(valid) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    const next = node[key as string];
    if (typeof next !== 'object' || next === null) break;
    node = next as Record<string, unknown>;
  }
  node[path.at(-1) as string] = value;
  return copy;
});

/** `path: reason`: a dotted path (or the root) and words, on one line. */
const issueShape = /^[^\s:][^\n]*: [^\n]+$/;

function outcome(raw: unknown): 'accepted' | readonly string[] {
  try {
    parseConfig(raw, '/etc/exaplug/exaplug.yaml', '/etc/exaplug');
    return 'accepted';
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues;
  }
}

describe('parseConfig, on any input', () => {
  it('throws nothing but a ConfigError with path: reason lines', () => {
    fc.assert(
      fc.property(fc.oneof(anyValue, damaged), (raw) => {
        const result = outcome(raw);
        if (result === 'accepted') return true;
        expect(result.length).toBeGreaterThan(0);
        for (const issue of result) expect(issue).toMatch(issueShape);
        return true;
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts the valid config it damages', () => {
    expect(outcome(valid)).toBe('accepted');
  });
});
