import { isIP } from 'node:net';
import { z } from 'zod';
import { parseDuration } from '../duration.js';
import { parseSize } from '../size.js';

/** `5s`, `200ms`, or a number of milliseconds. */
export const durationSchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  try {
    return parseDuration(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

/** A service IP: `192.0.2.1`, `2001:db8::1`, or a prefix such as `2001:db8:30::/64`. */
export const servicePrefixSchema = z.string().refine(isServicePrefix, { message: 'expected an IPv4/IPv6 address or prefix' });

export function isServicePrefix(value: string): boolean {
  const [address = '', length, ...rest] = value.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (length === undefined) return true;
  if (!/^\d{1,3}$/.test(length)) return false;
  return Number(length) <= (family === 4 ? 32 : 128);
}

/** `use` names the plugin (short name, package or path); `with` holds its options. */
export const pluginReferenceSchema = z.strictObject({
  use: z.string().min(1),
  with: z.record(z.string(), z.unknown()).default({}),
});

const timingFields = {
  interval: durationSchema,
  fastInterval: durationSchema,
  downInterval: durationSchema,
  timeout: durationSchema,
  jitter: durationSchema,
  rise: z.number().int().min(1),
  fall: z.number().int().min(1),
};

const defaultsSchema = z.strictObject({
  interval: timingFields.interval.default(5000),
  fastInterval: timingFields.fastInterval.default(1000),
  downInterval: timingFields.downInterval.optional(),
  timeout: timingFields.timeout.default(5000),
  jitter: timingFields.jitter.default(0),
  rise: timingFields.rise.default(3),
  fall: timingFields.fall.default(3),
  strategy: pluginReferenceSchema.default({ use: 'fixed', with: {} }),
});

const serviceSchema = z.strictObject({
  ips: z.array(servicePrefixSchema).min(1),
  check: pluginReferenceSchema,
  strategy: pluginReferenceSchema.optional(),
  disableFile: z.string().min(1).optional(),
  interval: timingFields.interval.optional(),
  fastInterval: timingFields.fastInterval.optional(),
  downInterval: timingFields.downInterval.optional(),
  timeout: timingFields.timeout.optional(),
  jitter: timingFields.jitter.optional(),
  rise: timingFields.rise.optional(),
  fall: timingFields.fall.optional(),
});

// ── limits: the process watchdog (memory, event loop) ─────────────────────────
/** `512MB`, `1GB` (binary units), or a number of bytes. */
export const sizeSchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  try {
    return parseSize(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

/**
 * Past `heap` or `rss`, exaplug withdraws (or keeps, per `onStop`) and exits so that
 * ExaBGP respawns it, instead of V8 aborting mid-state. `heap` defaults to 70% of V8's
 * heap limit (decided at run time). `eventLoopLag` is how long a stall must be to be reported.
 */
export const limitsSchema = z.strictObject({
  heap: sizeSchema.optional(),
  rss: sizeSchema.default(1024 ** 3),
  eventLoopLag: durationSchema.default(100),
});
// ── end of limits ─────────────────────────────────────────────────────────────

export const configSchema = z.strictObject({
  exabgp: z
    .strictObject({
      dialect: z.enum(['auto', 'neighbor', 'peer']).default('auto'),
      acks: z.enum(['auto', 'on', 'off']).default('auto'),
      ackTimeout: durationSchema.default(5000),
    })
    .default({ dialect: 'auto', acks: 'auto', ackTimeout: 5000 }),
  onStop: z.enum(['withdraw', 'keep']).default('withdraw'),
  log: z
    .strictObject({ level: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).default('info') })
    .default({ level: 'info' }),
  defaults: defaultsSchema.default(defaultsSchema.parse({})),
  limits: limitsSchema.default(limitsSchema.parse({})),
  services: z
    .record(z.string().regex(/^[A-Za-z0-9_.-]+$/, 'service names use letters, digits, _ . -'), serviceSchema)
    .refine((services) => Object.keys(services).length > 0, { message: 'at least one service is needed' }),
});

export type ConfigInput = z.input<typeof configSchema>;
export type ParsedConfig = z.output<typeof configSchema>;
