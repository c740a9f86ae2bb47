import { describe, expect, it } from 'vitest';
import { redactSecrets, redactText } from './redact-secrets.js';

describe('redactText', () => {
  it.each([
    ['http://admin:hunter2@127.0.0.1:8080/health', 'http://admin:***@127.0.0.1:8080/health'],
    ['postgres://exaplug:s3cret@db.example:5432/app?sslmode=require', 'postgres://exaplug:***@db.example:5432/app?sslmode=require'],
    ['https://api.example/health?token=abc123&verbose=1', 'https://api.example/health?token=***&verbose=1'],
    ['https://x.example/?api_key=k1&access_token=t2&X-Amz-Signature=s3', 'https://x.example/?api_key=***&access_token=***&X-Amz-Signature=***'],
    ['host=127.0.0.1 port=5432 user=app password=pa55 dbname=app', 'host=127.0.0.1 port=5432 user=app password=*** dbname=app'],
    ["host=db password='with space' dbname=app", 'host=db password=*** dbname=app'],
    ['Authorization: Bearer eyJabc.def', 'Authorization: ***'],
    ['cookie: session=abc; other=1', 'cookie: ***'],
  ])('redacts %s', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it('leaves text without credentials as it is', () => {
    const text = 'status 503, expected 200-299 (http://127.0.0.1:8080/health?verbose=1)';
    expect(redactText(text)).toBe(text);
  });

  it('takes linear time on a long adversarial string', () => {
    for (const filler of ['a', '://a:', '?a=', 'password=\'', 'Authorization:', 'x://']) {
      const started = performance.now();
      redactText(filler.repeat(200_000));
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });
});

describe('redactSecrets', () => {
  it('redacts strings deep inside details and the values of secret keys', () => {
    const details = {
      url: 'http://u:p4ss@127.0.0.1/?token=t0k',
      headers: { Authorization: 'Bearer xyz', Accept: 'text/plain' },
      nested: [{ password: 'pw' }],
    };
    expect(redactSecrets(details)).toEqual({
      url: 'http://u:***@127.0.0.1/?token=***',
      headers: { Authorization: '***', Accept: 'text/plain' },
      nested: [{ password: '***' }],
    });
    expect(details.headers.Authorization).toBe('Bearer xyz');
  });

  it('keeps an Error an Error, with its message redacted', () => {
    const error = Object.assign(new Error('connect to postgres://a:b@h failed'), { code: 'ECONNREFUSED' });
    const copy = redactSecrets(error);
    expect(copy).toBeInstanceOf(Error);
    expect(copy.message).toBe('connect to postgres://a:***@h failed');
    expect(copy.stack).not.toContain(':b@');
    expect((copy as Error & { code: string }).code).toBe('ECONNREFUSED');
  });

  it('survives cycles', () => {
    const value: Record<string, unknown> = { a: 1 };
    value.self = value;
    expect(redactSecrets(value)).toEqual({ a: 1, self: '[cut]' });
  });
});
