import { durationOption, movedTimeoutOption, regexOption, z } from '@exaplug/core/plugin';

const hexBytes = z
  .string()
  .transform((value) => value.replace(/\s+/g, ''))
  .refine((value) => /^(?:[0-9a-fA-F]{2})+$/.test(value), { message: 'expected pairs of hex digits like "0d0a"' });

/** One step of a send/expect script, run in order (HAProxy's tcp-check send/expect). */
export const scriptStepSchema = z.union([
  z.strictObject({ send: z.string().min(1) }),
  z.strictObject({ sendHex: hexBytes }),
  /** Waits until the received data contains this text. */
  z.strictObject({ expect: z.string().min(1) }),
  z.strictObject({ expectRegex: regexOption }),
  z.strictObject({ expectHex: hexBytes }),
]);

export type ScriptStepOptions = z.output<typeof scriptStepSchema>;

/** Options of the tcp check, with their defaults. */
export const tcpOptionsSchema = z.strictObject({
  /** An IPv4 or IPv6 address (brackets optional) or a host name. */
  host: z.string().min(1),
  port: z.number().int().min(1).max(65_535),
  /**
   * TCP connect and TLS handshake. Never longer than the attempt's deadline, the service's
   * `timeout`, which covers everything (every script step too).
   */
  connectTimeout: durationOption.prefault('2s'),
  timeout: movedTimeoutOption,
  script: z.array(scriptStepSchema).default([]),
  /** An expectation not met within this many received bytes fails. */
  maxReadBytes: z.number().int().positive().default(65_536),
  /**
   * Hold an idle connection between attempts: when the server closes it and refuses a new
   * one, check at once instead of at the next interval.
   */
  watch: z.boolean().default(true),
  /** Speak TLS after connecting; `tls: {}` uses the system's CAs and the host as name. */
  tls: z
    .strictObject({
      servername: z.string().optional(),
      ca: z.string().optional(),
      cert: z.string().optional(),
      key: z.string().optional(),
      insecure: z.boolean().default(false),
    })
    .refine((tls) => (tls.cert === undefined) === (tls.key === undefined), {
      message: 'cert and key go together',
      path: ['cert'],
    })
    .optional(),
});

/** Options as the check receives them, defaults filled in. */
export type TcpOptions = z.output<typeof tcpOptionsSchema>;
