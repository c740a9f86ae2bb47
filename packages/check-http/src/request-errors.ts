/** A phase of the attempt ran out of time; `event` tells which (as got did: `connect`, `request`). */
export class RequestTimeoutError extends Error {
  override readonly name = 'TimeoutError';
  readonly event: 'connect' | 'request';

  constructor(event: 'connect' | 'request', ms: number) {
    super(`${event === 'connect' ? 'connect' : 'request'} timed out after ${ms} ms`);
    this.event = event;
  }
}

/** More redirects than `maxRedirects` (a loop, most likely). */
export class TooManyRedirectsError extends Error {
  readonly code = 'ERR_TOO_MANY_REDIRECTS';

  constructor(count: number) {
    super(`more than ${count} redirects`);
  }
}
