/**
 * The codes this package throws with, and what each means. They keep the `EXAPLUG_` names
 * exaplug has always logged (docs/errors.md), so a program built on either reads the same code.
 */
export const protocolErrorCodes = {
  EXAPLUG_ROUTE_INVALID: 'a route intent has a value ExaBGP would reject or misread',
  EXAPLUG_ROUTE_NOT_ALLOWED: 'a route is outside allowedPrefixes',
} as const;

/** A stable code of {@link ProtocolError}. */
export type ProtocolErrorCode = keyof typeof protocolErrorCodes;

/** Thrown for a route or prefix that must not reach ExaBGP; `code` is stable, `cause` is kept. */
export class ProtocolError extends Error {
  readonly code: ProtocolErrorCode;

  constructor(code: ProtocolErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ProtocolError';
    this.code = code;
  }
}

/** True for a ProtocolError, optionally of one code: what a caller checks before reading `code`. */
export function isProtocolError(value: unknown, code?: ProtocolErrorCode): value is ProtocolError {
  return value instanceof ProtocolError && (code === undefined || value.code === code);
}
