import { durationOption, z } from '@exaplug/core/plugin';

/**
 * What a service's `check.with` may hold. Defaults live here, so `create` gets complete
 * options. Strict, so that a misspelt option is an error rather than silently ignored.
 */
export const exampleOptions = z.strictObject({
  /** Host to connect to; exaplug runs next to the service, so loopback is the usual answer. */
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(1).max(65535),
  /** Written once connected, e.g. `"PING\r\n"`; leave it out for servers that speak first (SMTP, SSH). */
  send: z.string().optional(),
  /** The reply must contain this text, e.g. `+PONG` or `220 `. */
  expect: z.string().min(1),
  /** A matching reply slower than this is `degraded`: still healthy, but worth a log line. */
  slowAfter: durationOption.optional(),
});

/** The options after defaults, as `create` receives them. */
export type ExampleOptions = z.output<typeof exampleOptions>;
