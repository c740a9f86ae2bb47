import { describe, expect, it } from 'vitest';
import { describeRequestError } from './describe-request-error.js';

const timeouts = { connect: '2s', total: '5s' };

describe('describeRequestError', () => {
  it('names the timeout that ran out', () => {
    expect(describeRequestError({ name: 'TimeoutError', event: 'connect' }, timeouts)).toBe('connect timeout after 2s');
    expect(describeRequestError({ name: 'TimeoutError', event: 'request' }, timeouts)).toBe('timeout after 5s');
  });

  it('says connection refused rather than quoting the errno', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(describeRequestError(error, timeouts)).toBe('connection refused');
  });

  it('keeps the message of certificate errors behind a TLS prefix', () => {
    const error = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(describeRequestError(error, timeouts)).toBe('TLS: self-signed certificate');
  });

  it('falls back to the message of anything else', () => {
    expect(describeRequestError(new Error('socket hang up'), timeouts)).toBe('socket hang up');
  });
});
