import { type CheckResult, degraded, failed, formatDuration, healthy } from '@exaplug/core/plugin';
import type { HttpSettings } from './http-settings.js';
import type { RequestPhases } from './request-phases.js';
import { formatStatusRanges, matchesStatus } from './status-ranges.js';

/** What came back from one request, as far as the check read it. */
export interface HttpResponseSummary {
  statusCode: number;
  /** The first maxBodyBytes of the body, decoded as UTF-8. */
  body: string;
  bodyBytes: number;
  elapsedMs: number;
  /** got's per-phase timings of the (last) request, in ms. */
  phases?: RequestPhases;
}

type Expectations = Pick<
  HttpSettings,
  'expectStatus' | 'degradedStatus' | 'expectBody' | 'expectBodyRegex' | 'rejectBody' | 'rejectBodyRegex' | 'degradedAfterMs'
>;

/** The first body expectation the response breaks, in words, or undefined. */
function findBodyMismatch(body: string, expected: Expectations): string | undefined {
  if (expected.expectBody !== undefined && !body.includes(expected.expectBody)) {
    return `body does not contain ${JSON.stringify(expected.expectBody)}`;
  }
  if (expected.expectBodyRegex && !expected.expectBodyRegex.test(body)) {
    return `body does not match ${String(expected.expectBodyRegex)}`;
  }
  if (expected.rejectBody !== undefined && body.includes(expected.rejectBody)) {
    return `body contains ${JSON.stringify(expected.rejectBody)}`;
  }
  if (expected.rejectBodyRegex && expected.rejectBodyRegex.test(body)) {
    return `body matches ${String(expected.rejectBodyRegex)}`;
  }
  return undefined;
}

/**
 * Judges a response: a degraded status first (429 is "alive but shedding load", whatever
 * expectStatus says), then the expected status, the body, and last the response time.
 */
export function evaluateHttpResponse(response: HttpResponseSummary, expected: Expectations): CheckResult {
  const { statusCode, elapsedMs } = response;
  const details = { statusCode, elapsedMs: Math.round(elapsedMs), bodyBytes: response.bodyBytes, ...(response.phases && { phases: response.phases }) };
  if (matchesStatus(expected.degradedStatus, statusCode)) {
    return degraded(`status ${statusCode}, degraded on ${formatStatusRanges(expected.degradedStatus)}`, details);
  }
  if (!matchesStatus(expected.expectStatus, statusCode)) {
    return failed(`status ${statusCode}, expected ${formatStatusRanges(expected.expectStatus)}`, details);
  }
  const mismatch = findBodyMismatch(response.body, expected);
  if (mismatch) return failed(`status ${statusCode}, ${mismatch}`, details);
  if (expected.degradedAfterMs !== undefined && elapsedMs > expected.degradedAfterMs) {
    return degraded(`status ${statusCode} in ${formatDuration(elapsedMs)}, slower than ${formatDuration(expected.degradedAfterMs)}`, details);
  }
  return healthy(`status ${statusCode} in ${formatDuration(elapsedMs)}`, details);
}
