import { describe, expect, it } from 'vitest';
import { awaitConvergence } from './await-convergence.js';
import type { RouteServerView } from './lab.js';

const route = { prefix: '203.0.113.1/32', med: 100, communities: [], nextHop: '10.0.0.1' };
const expected = new Map([[route.prefix, route]]);

/** A route server whose table is the model's from `afterMs` on (never, if undefined). */
function fakeServer(name: string, afterMs: number | undefined): RouteServerView {
  const start = Date.now();
  return {
    name,
    logFile: '',
    established: async () => true,
    restart: async () => {},
    table: async () => (afterMs !== undefined && Date.now() - start >= afterMs ? new Map([[route.prefix, route]]) : new Map()),
  };
}

describe('waiting for the route servers to hold the model', () => {
  it('records when each server got there, once it has stayed there', async () => {
    const result = await awaitConvergence([fakeServer('a', 0), fakeServer('b', 150)], expected, { boundMs: 1000, stableMs: 100, pollMs: 20 });
    expect(result.converged).toBe(true);
    expect(result.convergedAfterMs.get('a')).toBeLessThan(50);
    expect(result.convergedAfterMs.get('b')).toBeGreaterThanOrEqual(140);
  });

  it('fails past the bound, naming what differs', async () => {
    const result = await awaitConvergence([fakeServer('a', undefined)], expected, { boundMs: 100, stableMs: 50, pollMs: 20 });
    expect(result.converged).toBe(false);
    expect(result.differences.get('a')).toEqual(['203.0.113.1/32: missing (expected med 100, next hop 10.0.0.1)']);
  });
});
