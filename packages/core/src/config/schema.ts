import { z } from 'zod';
import { parseAllowedPrefix, readIpPrefix, type AllowedPrefix } from '@exaplug/protocol';
import { durationOption } from '../plugins/duration-option.js';
import type { CheckCombination } from '../health/check-combination.js';
import { findPrefixConflicts } from './find-prefix-conflicts.js';
import { parseListenAddress } from './listen-address.js';
import { parseSize } from '../size.js';
import { logLevels } from '../logger.js';

/** `5s`, `200ms`, or a number of milliseconds, in milliseconds: the schema plugins use too. */
export const durationSchema = durationOption;

/**
 * A service IP: `192.0.2.1`, `2001:db8::1`, or a prefix such as `2001:db8:30::/64`, read by
 * the same parser the route writer uses and turned into its one spelling (`192.0.2.1/32`),
 * so two spellings of one route are one route everywhere.
 */
export const servicePrefixSchema = z.string().transform((value, ctx) => {
  const parsed = readIpPrefix(value);
  if (typeof parsed !== 'string') return parsed.text;
  ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} ${parsed}` });
  return z.NEVER;
});

/** A prefix-list entry: `2001:db8:30::/48 le 128`. */
const allowedPrefixSchema = z.string().transform((value, ctx): AllowedPrefix => {
  try {
    return parseAllowedPrefix(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

/**
 * The routes exaplug may ever write or withdraw, like a route server's import filter: a
 * service IP outside it is a config error, the writer refuses anything outside it, and
 * only routes inside it are reconciled (withdrawn when no service owns them).
 */
export const allowedPrefixesSchema = z.array(allowedPrefixSchema).min(1);

/**
 * What to do with the routes a previous exaplug left in ExaBGP when this one starts with a
 * config it must refuse: nothing checks them any more.
 */
export const onInvalidConfigSchema = z
  .strictObject({
    action: z.enum(['withdraw', 'keep']).default('withdraw'),
    after: durationSchema.default(30_000),
  })
  .default({ action: 'withdraw', after: 30_000 });

/** `use` names the plugin (short name, package or path); `with` holds its options. */
export const pluginReferenceSchema = z.strictObject({
  use: z.string().min(1),
  with: z.record(z.string(), z.unknown()).default({}),
});

/**
 * A service's check: one plugin (`use`, `with`), or several combined: `all: [...]`,
 * `any: [...]`, or `quorum: N` with `of: [...]`, each part with its own `use` and `with`.
 * Composites come out as `use: 'all' | 'any' | 'quorum'` with their parts, so that code
 * naming a service's check keeps one field to read.
 */
export const checkReferenceSchema = z
  .strictObject({
    use: z.string().min(1).optional(),
    with: z.record(z.string(), z.unknown()).optional(),
    all: z.array(pluginReferenceSchema).min(1).optional(),
    any: z.array(pluginReferenceSchema).min(1).optional(),
    quorum: z.number().int().min(1).optional(),
    of: z.array(pluginReferenceSchema).min(1).optional(),
  })
  .superRefine((check, ctx) => {
    const forms = [check.use !== undefined, check.all !== undefined, check.any !== undefined, check.quorum !== undefined || check.of !== undefined];
    if (forms.filter(Boolean).length !== 1) {
      ctx.addIssue({ code: 'custom', message: 'give exactly one of use (one check), all, any, or quorum with of' });
      return;
    }
    if (check.with !== undefined && check.use === undefined) ctx.addIssue({ code: 'custom', path: ['with'], message: 'with goes with use' });
    if ((check.quorum === undefined) !== (check.of === undefined)) ctx.addIssue({ code: 'custom', message: 'quorum and of go together' });
    if (check.quorum !== undefined && check.of !== undefined && check.quorum > check.of.length) {
      ctx.addIssue({ code: 'custom', path: ['quorum'], message: `quorum ${check.quorum} is more than the ${check.of.length} checks in of` });
    }
  })
  .transform((check): CheckReference => {
    if (check.use !== undefined) return { use: check.use, with: check.with ?? {} };
    if (check.all) return { use: 'all', with: {}, combination: { mode: 'all' }, parts: check.all };
    if (check.any) return { use: 'any', with: {}, combination: { mode: 'any' }, parts: check.any };
    return { use: 'quorum', with: {}, combination: { mode: 'quorum', quorum: check.quorum as number }, parts: check.of ?? [] };
  });

/** A check as the runtime takes it: one plugin, or parts and how to combine them. */
export interface CheckReference {
  use: string;
  with: Record<string, unknown>;
  combination?: CheckCombination;
  parts?: Array<{ use: string; with: Record<string, unknown> }>;
}

const timingFields = {
  interval: durationSchema,
  fastInterval: durationSchema,
  downInterval: durationSchema,
  timeout: durationSchema,
  jitter: durationSchema,
  rise: z.number().int().min(1),
  fall: z.number().int().min(1),
  minDwell: durationSchema,
  /** A failed round after the check's watch saw connections refused is the whole fall. */
  refusedIsDown: z.boolean(),
};

/** One command or several, run by `/bin/sh -c` in order. */
const commandsSchema = z.union([z.string().min(1), z.array(z.string().min(1))]).transform((value) => (typeof value === 'string' ? [value] : value));

/**
 * Commands run when a service's announced state changes (ExaBGP healthcheck's `--execute`,
 * `--up-execute`, …), with the service, the states and the routes in their environment.
 */
export const hooksSchema = z.strictObject({
  onChange: commandsSchema.optional(),
  onUp: commandsSchema.optional(),
  onDown: commandsSchema.optional(),
  onDisabled: commandsSchema.optional(),
  onDegraded: commandsSchema.optional(),
  /** A hook still running after this is killed (its whole process group). */
  timeout: durationSchema.default(10_000),
});

const defaultsSchema = z.strictObject({
  interval: timingFields.interval.default(5000),
  fastInterval: timingFields.fastInterval.default(1000),
  downInterval: timingFields.downInterval.optional(),
  timeout: timingFields.timeout.default(5000),
  jitter: timingFields.jitter.default(0),
  rise: timingFields.rise.default(3),
  fall: timingFields.fall.default(3),
  minDwell: timingFields.minDwell.default(1000),
  refusedIsDown: timingFields.refusedIsDown.default(true),
  hooks: hooksSchema.optional(),
  strategy: pluginReferenceSchema.default({ use: 'fixed', with: {} }),
});

const serviceSchema = z.strictObject({
  ips: z.array(servicePrefixSchema).min(1),
  check: checkReferenceSchema,
  strategy: pluginReferenceSchema.optional(),
  disableFile: z.string().min(1).optional(),
  interval: timingFields.interval.optional(),
  fastInterval: timingFields.fastInterval.optional(),
  downInterval: timingFields.downInterval.optional(),
  timeout: timingFields.timeout.optional(),
  jitter: timingFields.jitter.optional(),
  rise: timingFields.rise.optional(),
  fall: timingFields.fall.optional(),
  minDwell: timingFields.minDwell.optional(),
  refusedIsDown: timingFields.refusedIsDown.optional(),
  hooks: hooksSchema.optional(),
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
      /** Routes differing only in their prefix share one `announce attributes … nlri` command. */
      groupRoutes: z.boolean().default(true),
      /** Compare ExaBGP's `show adj-rib out` with what exaplug announced, and repair. */
      readBack: z
        .strictObject({ interval: durationSchema.default(30_000), delay: durationSchema.default(1000) })
        .default({ interval: 30_000, delay: 1000 }),
    })
    .default({ dialect: 'auto', acks: 'auto', ackTimeout: 5000, groupRoutes: true, readBack: { interval: 30_000, delay: 1000 } }),
  onStop: z.enum(['withdraw', 'keep']).default('withdraw'),
  allowedPrefixes: allowedPrefixesSchema.optional(),
  onInvalidConfig: onInvalidConfigSchema,
  /**
   * Where exaplug keeps what must survive a restart (drains). Default: one per process,
   * derived from the config's path (see control-paths.ts), set in resolveConfig.
   */
  stateDir: z.string().min(1).optional(),
  /** `exaplug drain`: RFC 8326 graceful shutdown, then optionally a withdraw. */
  drain: z
    .strictObject({
      gracefulShutdown: z.boolean().default(true),
      withdrawAfter: durationSchema.optional(),
    })
    .default({ gracefulShutdown: true }),
  /**
   * The control socket of `exaplug status`, `drain`, `recheck`, `reload` (root-only
   * permissions). Default: one per process, derived from the config's path (see
   * control-paths.ts), set in resolveConfig.
   */
  control: z.strictObject({ socket: z.string().min(1).optional() }).default({}),
  /** Prometheus metrics over HTTP; loopback unless another address is given on purpose. */
  metrics: z
    .strictObject({
      listen: z
        .string()
        .refine((text) => parseListenAddress(text) !== undefined, { message: 'expected HOST:PORT, e.g. 127.0.0.1:9324 or [::1]:9324' })
        .default('127.0.0.1:9324'),
    })
    .optional(),
  /** Put the service IPs on an interface (opt-in; ExaBGP's healthcheck does it unless --no-ip-setup). */
  ipSetup: z.strictObject({ interface: z.string().regex(/^[\w.:-]{1,15}$/, 'expected an interface name').default('lo') }).optional(),
  log: z
    .strictObject({ level: z.enum(logLevels).default('info') })
    .default({ level: 'info' }),
  defaults: defaultsSchema.default(defaultsSchema.parse({})),
  limits: limitsSchema.default(limitsSchema.parse({})),
  services: z
    .record(z.string().regex(/^[A-Za-z0-9_.-]+$/, 'service names use letters, digits, _ . -'), serviceSchema)
    .refine((services) => Object.keys(services).length > 0, { message: 'at least one service is needed' }),
}).superRefine((config, ctx) => {
  // One owner per route: two services (or one IP twice) announcing one route would fight.
  const ips = Object.entries(config.services).map(([name, service]) => ({ name, ips: service.ips }));
  for (const conflict of findPrefixConflicts(ips, config.allowedPrefixes)) ctx.addIssue({ code: 'custom', ...conflict });
});

export type ConfigInput = z.input<typeof configSchema>;
export type ParsedConfig = z.output<typeof configSchema>;
