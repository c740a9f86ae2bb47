import { describe, expect, it } from 'vitest';
import { describeCutShort, describeRequestError } from './describe-request-error.js';

const facts = { connectTimeout: '2s', isHttps: true };
const gotError = (fields: Record<string, unknown>) => Object.assign(new Error(String(fields.message ?? 'boom')), fields);

describe('describeRequestError', () => {
  it("names the phase of got's timeout that ran out", () => {
    expect(describeRequestError(gotError({ name: 'TimeoutError', code: 'ETIMEDOUT', event: 'connect' }), facts)).toBe('connect timeout after 2s');
    expect(describeRequestError(gotError({ name: 'TimeoutError', code: 'ETIMEDOUT', event: 'secureConnect' }), facts)).toBe(
      'TLS handshake timeout after 2s',
    );
  });

  it('says connection refused rather than quoting the errno', () => {
    const error = gotError({ name: 'RequestError', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' });
    expect(describeRequestError(error, facts)).toBe('connection refused');
  });

  it('keeps the message of certificate errors behind a TLS prefix', () => {
    const error = gotError({ name: 'RequestError', code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' });
    expect(describeRequestError(error, facts)).toBe('TLS: self-signed certificate');
  });

  it('says too many redirects for a redirect loop', () => {
    expect(describeRequestError(gotError({ name: 'MaxRedirectsError', code: 'ERR_TOO_MANY_REDIRECTS' }), facts)).toBe('too many redirects');
  });

  it('says where a response was cut short', () => {
    const timings = { socket: 1, connect: 2, secureConnect: 3, response: 4 };
    const error = gotError({ name: 'ReadError', code: 'ECONNRESET', message: 'The server aborted pending request', timings });
    expect(describeRequestError(error, facts)).toBe('connection reset by peer while reading the body');
  });

  it('falls back to the message of anything else', () => {
    expect(describeRequestError(new Error('socket hang up'), facts)).toBe('socket hang up');
  });
});

describe('describeCutShort', () => {
  const abortedWith = (reason: unknown) => AbortSignal.abort(reason);

  it("quotes the runtime's deadline and where the request stood", () => {
    const signal = abortedWith(new Error('timeout after 2s'));
    expect(describeCutShort(signal, gotError({ timings: { socket: 1 } }), false)).toBe('timeout after 2s while connecting');
    expect(describeCutShort(signal, gotError({ timings: { socket: 1, connect: 2 } }), true)).toBe('timeout after 2s while in the TLS handshake');
    expect(describeCutShort(signal, gotError({ timings: { socket: 1, connect: 2 } }), false)).toBe(
      'timeout after 2s while waiting for the response',
    );
  });

  it('says only the reason before the request reached a socket', () => {
    expect(describeCutShort(abortedWith(new Error('service stopped')), gotError({}), false)).toBe('service stopped');
  });
});
