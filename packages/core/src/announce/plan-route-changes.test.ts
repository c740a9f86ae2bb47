import { describe, expect, it } from 'vitest';
import type { RouteIntent } from '@exaplug/protocol';
import { announcedRoutes, planRouteChanges, planWithdrawAll } from './plan-route-changes.js';

const up = (prefix: string, med: number): RouteIntent => ({ action: 'announce', prefix, nextHop: 'self', med });

describe('planRouteChanges', () => {
  it('sends every route the first time, withdraws included', () => {
    const { send } = planRouteChanges(new Map(), [up('192.0.2.1/32', 100), { action: 'withdraw', prefix: '192.0.2.2/32', nextHop: 'self' }]);
    expect(send.map((i) => i.action)).toEqual(['announce', 'withdraw']);
  });

  it('drops an intent identical to the last one sent', () => {
    const first = planRouteChanges(new Map(), [up('192.0.2.1/32', 100)]);
    expect(planRouteChanges(first.book, [up('192.0.2.1/32', 100)]).send).toEqual([]);
    expect(planRouteChanges(first.book, [up('192.0.2.1/32', 1000)]).send).toEqual([up('192.0.2.1/32', 1000)]);
  });

  it('keeps routes for different neighbor sets apart', () => {
    const a = { ...up('192.0.2.1/32', 100), neighbors: ['10.0.0.1'] };
    const b = { ...up('192.0.2.1/32', 100), neighbors: ['10.0.0.2'] };
    const { book } = planRouteChanges(new Map(), [a, b]);
    expect(announcedRoutes(book)).toHaveLength(2);
  });

  it('withdraws exactly what is announced on stop', () => {
    const { book } = planRouteChanges(new Map(), [up('192.0.2.1/32', 100), { action: 'withdraw', prefix: '192.0.2.2/32', nextHop: 'self' }]);
    const stop = planWithdrawAll(book);
    expect(stop.send).toEqual([{ action: 'withdraw', prefix: '192.0.2.1/32', nextHop: 'self' }]);
    expect(announcedRoutes(stop.book)).toEqual([]);
  });
});
