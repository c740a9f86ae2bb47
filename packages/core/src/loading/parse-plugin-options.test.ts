import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../config/config-error.js';
import { movedTimeoutOption } from '../plugins/moved-timeout-option.js';
import { parsePluginOptions } from './parse-plugin-options.js';

const path = ['services', 'web', 'check', 'with'];

function issuesOf(schema: z.ZodType, options: Record<string, unknown>): readonly string[] {
  try {
    parsePluginOptions(schema, options, path);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected the options to be refused');
}

describe('parsePluginOptions', () => {
  it('returns the options with the defaults of the schema filled in', () => {
    const schema = z.strictObject({ port: z.number(), host: z.string().default('127.0.0.1') });
    expect(parsePluginOptions(schema, { port: 1 }, path)).toEqual({ port: 1, host: '127.0.0.1' });
  });

  it('refuses an unknown key even when a plugin declared a plain z.object, which would drop it silently', () => {
    const schema = z.object({ port: z.number() });
    expect(issuesOf(schema, { port: 1, prot: 2 })).toEqual(['services.web.check.with: unknown key "prot" (did you mean "port"?)']);
  });

  it('sees the object through refine, default and transform', () => {
    const base = z.object({ port: z.number(), host: z.string().optional() });
    const wrapped = [
      base.refine((o) => o.port > 0),
      base.default({ port: 1 }),
      base.transform((o) => ({ ...o, url: `tcp://${o.host ?? 'localhost'}:${o.port}` })),
      base.optional(),
    ];
    for (const schema of wrapped) {
      expect(issuesOf(schema, { port: 1, hots: 'db' })).toEqual(['services.web.check.with: unknown key "hots" (did you mean "host"?)']);
    }
  });

  it('reports unknown keys together with the problems the schema finds', () => {
    expect(issuesOf(z.object({ port: z.number() }), { prot: 1 })).toEqual([
      'services.web.check.with: unknown key "prot" (did you mean "port"?)',
      'services.web.check.with.port: required (expected number)',
    ]);
  });

  it("says where a moved option went, in the schema's own words, not as a missing key", () => {
    const schema = z.strictObject({ url: z.string(), timeout: movedTimeoutOption });
    expect(issuesOf(schema, { url: 'http://[::1]/', timeout: '2s' })).toEqual([
      "services.web.check.with.timeout: the attempt's deadline is the service's `timeout`: move it there (services.<name>.timeout or defaults.timeout)",
    ]);
  });

  it('suggests keys of a strict object nested in the options', () => {
    const schema = z.strictObject({ tls: z.strictObject({ servername: z.string().optional() }).optional() });
    expect(issuesOf(schema, { tls: { servrname: 'db' } })).toEqual([
      'services.web.check.with.tls: unknown key "servrname" (did you mean "servername"?)',
    ]);
  });

  it('leaves extra keys to a schema that asks for them or that it cannot read', () => {
    expect(parsePluginOptions(z.looseObject({ a: z.number() }), { a: 1, b: 2 }, path)).toEqual({ a: 1, b: 2 });
    expect(parsePluginOptions(z.object({}).catchall(z.number()), { b: 2 }, path)).toEqual({ b: 2 });
    expect(parsePluginOptions(z.record(z.string(), z.number()), { b: 2 }, path)).toEqual({ b: 2 });
    const either = z.union([z.object({ a: z.number() }), z.object({ b: z.number() })]);
    expect(parsePluginOptions(either, { a: 1, c: 3 }, path)).toEqual({ a: 1 });
  });
});
