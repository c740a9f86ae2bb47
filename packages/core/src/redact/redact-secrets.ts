/** What a secret is replaced with. */
export const redacted = '***';

/** Keys whose value is a secret whatever it looks like (headers, option and field names). */
const secretKey =
  /^(?:password|passwd|pwd|pass|secret|token|api[-_]?key|apikey|authorization|proxy-authorization|cookie|set-cookie|x-api-key|x-auth-token|client[-_]?secret|access[-_]?token|refresh[-_]?token|private[-_]?key|session[-_]?id)$/i;

/** Query parameter names that carry credentials (`?token=`, `&api_key=`, `sig=`). */
const secretParameter = /(?:^|[-_.])(?:token|key|apikey|secret|password|passwd|pwd|pass|sig|signature|auth|authorization|session|sessionid|credential|credentials|jwt)$/i;

// Every pattern starts at a fixed token (`://`, `?`, `&`, a keyword) and each repetition
// stops at the next delimiter, so a long string is scanned once: no backtracking blow-up.
const userinfo = /:\/\/([^\s:@/?#]*):([^\s@/?#]*)@/g;
const queryParameter = /([?&;])([^=&#\s]{1,64})=([^&#\s"'<>]*)/g;
const keywordValue = /\b(password|passwd|pwd|secret|token|api[-_]?key)(\s*=\s*)('[^']*'?|"[^"]*"?|[^\s&;,]*)/gi;
const header = /\b(authorization|proxy-authorization|cookie|set-cookie|x-api-key|x-auth-token)(\s*[:=]\s*)([^\r\n"',}]*)/gi;

/**
 * A text with its credentials replaced by `***`: the password of URL userinfo
 * (`postgres://user:***@host`), secret-looking query parameters (`?token=***`), libpq and
 * similar `password=***` pairs, and Authorization/Cookie header values. Linear in the
 * length of the text; text without any of these comes back unchanged.
 */
export function redactText(text: string): string {
  let out = text;
  if (out.includes('://')) out = out.replace(userinfo, (_, user: string) => `://${user}:${redacted}@`);
  if (out.includes('=')) {
    out = out.replace(queryParameter, (whole, mark: string, name: string) =>
      secretParameter.test(name) ? `${mark}${name}=${redacted}` : whole,
    );
    out = out.replace(keywordValue, (_, key: string, equals: string) => `${key}${equals}${redacted}`);
  }
  if (/authorization|cookie|x-api-key|x-auth-token/i.test(out)) {
    out = out.replace(header, (_, name: string, separator: string) => `${name}${separator}${redacted}`);
  }
  return out;
}

/**
 * A copy of any value with its secrets redacted: strings through `redactText`, values of
 * secret keys (`password`, `authorization`, `cookie`, …) replaced whole, Errors rebuilt
 * with a redacted message and stack (name, code and cause kept, so loggers still see an
 * Error). Cycles and very deep values are cut, never followed.
 */
export function redactSecrets<T>(value: T): T {
  return redactValue(value, new WeakSet(), 0) as T;
}

const maxDepth = 32;

function redactValue(value: unknown, seen: WeakSet<object>, depth: number): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value) || depth > maxDepth) return '[cut]';
  seen.add(value);
  if (value instanceof Error) return redactError(value, seen, depth);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, seen, depth + 1));
  if (value instanceof URL) return redactText(value.href);
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = secretKey.test(key) && item !== undefined && item !== null ? redacted : redactValue(item, seen, depth + 1);
  }
  return copy;
}

function redactError(error: Error, seen: WeakSet<object>, depth: number): Error {
  const copy = new Error(redactText(error.message));
  copy.name = error.name;
  copy.stack = error.stack === undefined ? undefined : redactText(error.stack);
  for (const [key, item] of Object.entries(error)) {
    (copy as unknown as Record<string, unknown>)[key] = secretKey.test(key) ? redacted : redactValue(item, seen, depth + 1);
  }
  if (error.cause !== undefined) copy.cause = redactValue(error.cause, seen, depth + 1);
  return copy;
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
