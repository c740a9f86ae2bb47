import { isProtocolError, protocolErrorCodes } from '@exaplug/protocol';

/**
 * Every error exaplug raises or logs on purpose carries a stable code. Codes are listed in
 * docs/errors.md; tests keep the two in step (src/errors.test.ts, test/docs-error-codes.test.ts).
 */
export const errorCodes = {
  EXAPLUG_CONFIG_NOT_FOUND: 'no configuration file was found',
  EXAPLUG_CONFIG_INVALID: 'the configuration does not match the schema',
  EXAPLUG_CONFIG_UNREADABLE: 'the configuration file could not be read or parsed',
  EXAPLUG_DURATION_INVALID: 'a duration is not a number of ms/s/m/h',
  // Thrown by @exaplug/protocol (as ProtocolError) and by core alike: one meaning, written there.
  ...protocolErrorCodes,
  EXAPLUG_ROUTE_NOT_OWNED: "a strategy planned a route that is not one of its service's IPs, or left one out",
  EXAPLUG_PLUGIN_NOT_FOUND: 'a check or strategy package or path could not be resolved',
  EXAPLUG_PLUGIN_LOAD: 'a plugin module threw while it was imported',
  EXAPLUG_PLUGIN_INVALID: 'a module does not export a plugin made by defineCheck/defineStrategy',
  EXAPLUG_PLUGIN_INCOMPATIBLE: 'a plugin does not support this version of @exaplug/core',
  EXAPLUG_PLUGIN_OPTIONS: 'the options given to a plugin do not match its schema',
  EXAPLUG_CHECK_THREW: 'a check threw or rejected instead of returning a result',
  EXAPLUG_CHECK_TIMEOUT: 'a check did not settle within its timeout',
  EXAPLUG_STRATEGY_FAILED: 'a metric strategy threw while planning routes',
  EXAPLUG_IP_SETUP: 'the service IPs could not be put on (or taken off) the interface',
  EXAPLUG_UNKNOWN_SERVICE: 'a control command named a service the config does not have',
  EXAPLUG_CONTROL_REQUEST: 'the running exaplug refused a control request (unknown or too long, or failed without a code)',
  EXAPLUG_CONTROL_UNREACHABLE: 'no usable answer on the control socket (nobody, timeout, not an exaplug socket)',
  EXAPLUG_IDLE: 'the exaplug asked is idle or loading: it has no services to drain, undrain or recheck',
  EXAPLUG_CONTROL_WRONG_CONFIG: 'the exaplug on that socket runs another config than the one the verb named',
  EXAPLUG_CONTROL_BUSY: 'the control socket already serves its maximum of clients',
  EXAPLUG_CONTROL_SOCKET_TAKEN: 'another live exaplug already listens on this control socket',
  EXAPLUG_ACK_TIMEOUT: 'ExaBGP did not acknowledge a command in time',
  EXAPLUG_SCAFFOLD: 'a plugin could not be scaffolded',
  EXAPLUG_SIZE_INVALID: 'a size is not a number of B/KB/MB/GB',
  EXAPLUG_STDOUT_WRITE: 'a plugin or library wrote to stdout; it went to stderr instead',
  EXAPLUG_MEMORY_LIMIT: 'the heap or RSS passed limits.heap / limits.rss; exaplug stopped',
  EXAPLUG_EVENT_LOOP_BLOCKED: 'the event loop was blocked longer than limits.eventLoopLag',
  EXAPLUG_HEALTHCHECK_ARGS: 'an exabgp healthcheck command line or config file could not be read',
} as const;

/** A stable, documented error code. */
export type ErrorCode = keyof typeof errorCodes;

/** The one error class exaplug throws on purpose; `code` is stable, `cause` is kept. */
export class ExaplugError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ExaplugError';
    this.code = code;
  }
}

/** True for an ExaplugError, optionally of one code. */
export function isExaplugError(value: unknown, code?: ErrorCode): value is ExaplugError {
  // @exaplug/protocol throws its own class with the same codes (EXAPLUG_ROUTE_INVALID, …).
  return (value instanceof ExaplugError || isProtocolError(value)) && (code === undefined || value.code === code);
}
