import { durationOption, movedTimeoutOption, regexOption, z } from '@exaplug/core/plugin';
import { isStatusSpec } from './status-ranges.js';

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const statusList = z
  .array(z.union([z.number(), z.string()]).refine(isStatusSpec, { message: 'expected a status like 200, "200-299" or "2xx"' }));

/** Options of the http check, with their defaults. */
export const httpOptionsSchema = z.strictObject({
  /** http:// or https://; IPv6 literals in brackets (`http://[::1]:8080/health`). */
  url: z.string().refine(isHttpUrl, { message: 'expected an http:// or https:// URL' }),
  method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']).default('GET'),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().optional(),
  /** Statuses that pass. */
  expectStatus: statusList.min(1).default(['200-299']),
  /** Statuses that count as degraded (checked before expectStatus): Consul treats 429 so. */
  degradedStatus: statusList.default([]),
  /** The body (its first maxBodyBytes) must contain this text. */
  expectBody: z.string().optional(),
  expectBodyRegex: regexOption.optional(),
  /** The body must not contain this text: `"status":"draining"`. */
  rejectBody: z.string().optional(),
  rejectBodyRegex: regexOption.optional(),
  /** A passing response slower than this is degraded. */
  degradedAfter: durationOption.optional(),
  /**
   * TCP connect, and again the TLS handshake (each). Never longer than the attempt's
   * deadline, the service's `timeout`, which covers everything (headers and body too).
   */
  connectTimeout: durationOption.prefault('2s'),
  timeout: movedTimeoutOption,
  followRedirects: z.boolean().default(false),
  maxBodyBytes: z.number().int().positive().default(65_536),
  /** TLS server name (SNI and certificate check) when it differs from the URL's host. */
  servername: z.string().optional(),
  /** CA file (PEM) to trust instead of the system's; relative to the config file. */
  ca: z.string().optional(),
  /** Client certificate and key files (PEM) for mutual TLS. */
  cert: z.string().optional(),
  key: z.string().optional(),
  /** Skip certificate verification: a check of liveness, not of identity. */
  insecure: z.boolean().default(false),
  /**
   * Reuse one connection between attempts (HTTP keep-alive). Cheaper (no handshake, no
   * TIME_WAIT), but an attempt then no longer proves the server still accepts new
   * connections: false connects afresh every time.
   */
  keepAlive: z.boolean().default(true),
  /**
   * Hold an idle TCP connection to the URL's host and port between attempts: when the
   * server closes it and refuses a new one, check at once instead of at the next interval.
   */
  watch: z.boolean().default(true),
}).refine((options) => (options.cert === undefined) === (options.key === undefined), {
  message: 'cert and key go together',
  path: ['cert'],
});

/** Options as the check receives them, defaults filled in. */
export type HttpOptions = z.output<typeof httpOptionsSchema>;
