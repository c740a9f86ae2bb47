import { describe, expect, it } from 'vitest';
import { evaluateHttpResponse, type HttpResponseSummary } from './evaluate-http-response.js';
import { parseStatusRanges } from './status-ranges.js';

const defaults = { expectStatus: parseStatusRanges(['200-299']), degradedStatus: parseStatusRanges([429]) };
const response = (overrides: Partial<HttpResponseSummary> = {}): HttpResponseSummary => ({
  statusCode: 200,
  body: '{"status":"ok"}',
  bodyBytes: 15,
  elapsedMs: 12,
  ...overrides,
});

describe('evaluateHttpResponse', () => {
  it('is healthy for an expected status and says how long it took', () => {
    const result = evaluateHttpResponse(response(), defaults);
    expect(result).toMatchObject({ status: 'healthy', reason: 'status 200 in 12ms', details: { statusCode: 200 } });
  });

  it('fails an unexpected status and names the expected ones', () => {
    const result = evaluateHttpResponse(response({ statusCode: 503 }), defaults);
    expect(result).toMatchObject({ status: 'failed', reason: 'status 503, expected 200-299' });
  });

  it('reports a degraded status as degraded even though it is not expected', () => {
    const result = evaluateHttpResponse(response({ statusCode: 429 }), defaults);
    expect(result).toMatchObject({ status: 'degraded', reason: 'status 429, degraded on 429' });
  });

  it('fails a body that lacks the expected text or pattern', () => {
    expect(evaluateHttpResponse(response(), { ...defaults, expectBody: 'ready' }).reason).toBe(
      'status 200, body does not contain "ready"',
    );
    expect(evaluateHttpResponse(response(), { ...defaults, expectBodyRegex: /^up$/ }).reason).toBe(
      'status 200, body does not match /^up$/',
    );
  });

  it('fails a body that has rejected text or pattern', () => {
    const draining = response({ body: '{"status":"draining"}' });
    expect(evaluateHttpResponse(draining, { ...defaults, rejectBody: 'draining' })).toMatchObject({
      status: 'failed',
      reason: 'status 200, body contains "draining"',
    });
    expect(evaluateHttpResponse(draining, { ...defaults, rejectBodyRegex: /drain/ }).reason).toBe(
      'status 200, body matches /drain/',
    );
  });

  it('passes body expectations that hold', () => {
    const expected = { ...defaults, expectBody: 'ok', expectBodyRegex: /status/, rejectBody: 'error' };
    expect(evaluateHttpResponse(response(), expected).status).toBe('healthy');
  });

  it('is degraded when a passing response is slower than degradedAfter', () => {
    const result = evaluateHttpResponse(response({ elapsedMs: 1500 }), { ...defaults, degradedAfterMs: 1000 });
    expect(result).toMatchObject({ status: 'degraded', reason: 'status 200 in 1.5s, slower than 1s' });
  });

  it('fails a slow response on its status rather than calling it degraded', () => {
    const result = evaluateHttpResponse(response({ statusCode: 500, elapsedMs: 1500 }), { ...defaults, degradedAfterMs: 1000 });
    expect(result.status).toBe('failed');
  });
});
