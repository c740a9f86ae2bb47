import { describe, expect, it } from 'vitest';
import { httpOptionsSchema } from './http-options.js';

describe('httpOptionsSchema', () => {
  it('fills in the defaults for a bare URL', () => {
    expect(httpOptionsSchema.parse({ url: 'http://[::1]:8080/health' })).toEqual({
      url: 'http://[::1]:8080/health',
      method: 'GET',
      headers: {},
      expectStatus: ['200-299'],
      degradedStatus: [],
      connectTimeout: 2000,
      followRedirects: false,
      maxBodyBytes: 65_536,
      insecure: false,
      keepAlive: true,
      watch: true,
    });
  });

  it('accepts codes, ranges and classes in expectStatus', () => {
    const options = httpOptionsSchema.parse({ url: 'https://a.example/', expectStatus: [200, '301-302', '4xx'] });
    expect(options.expectStatus).toEqual([200, '301-302', '4xx']);
  });

  it('rejects a URL that is not http or https, pointing at url', () => {
    const result = httpOptionsSchema.safeParse({ url: 'ftp://a.example/' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['url'], message: 'expected an http:// or https:// URL' });
  });

  it('rejects a status that is not a code or range', () => {
    const result = httpOptionsSchema.safeParse({ url: 'http://a/', expectStatus: ['ok'] });
    expect(result.error?.issues[0]?.path).toEqual(['expectStatus', 0]);
  });

  it('rejects an empty expectStatus, a bad duration and a bad regex', () => {
    const result = httpOptionsSchema.safeParse({
      url: 'http://a/',
      expectStatus: [],
      connectTimeout: 'soon',
      expectBodyRegex: '(',
    });
    expect(result.error?.issues.map((issue) => issue.path[0]).sort()).toEqual(['connectTimeout', 'expectBodyRegex', 'expectStatus']);
  });

  it("refuses its old timeout and says the service's timeout is the attempt's deadline", () => {
    const result = httpOptionsSchema.safeParse({ url: 'http://a/', timeout: '2s' });
    expect(result.error?.issues[0]).toMatchObject({ path: ['timeout'], message: expect.stringMatching(/^the attempt's deadline is the service's `timeout`: move it there/) });
  });

  it('rejects unknown options so a typo does not pass silently', () => {
    const result = httpOptionsSchema.safeParse({ url: 'http://a/', expectedStatus: [200] });
    expect(result.success).toBe(false);
  });

  it('wants cert and key together', () => {
    const result = httpOptionsSchema.safeParse({ url: 'https://a/', cert: 'client.crt' });
    expect(result.error?.issues[0]).toMatchObject({ path: ['cert'], message: 'cert and key go together' });
  });
});
