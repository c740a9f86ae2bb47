import { describe, expect, it } from 'vitest';
import { addressRoute, neighborsFor, type NeighborFamilies } from './address-by-family.js';
import type { RouteIntent } from '@exaplug/protocol';

const announce = (prefix: string, extra: Partial<RouteIntent> = {}): RouteIntent => ({ action: 'announce', prefix, nextHop: 'self', med: 100, ...extra });
const split = new Map([
  ['127.0.0.1', new Set(['ipv4 unicast'])],
  ['::1', new Set(['ipv6 unicast'])],
]);

/** Each route addressed, and the prefixes nobody carries. */
function addressByFamily(intents: RouteIntent[], families: NeighborFamilies | undefined) {
  const routed = intents.map((intent) => ({ intent, routed: addressRoute(intent, families) }));
  return {
    send: routed.flatMap(({ routed }) => (routed ? [routed] : [])),
    unsendable: routed.filter(({ routed }) => !routed).map(({ intent }) => intent),
  };
}

describe('addressRoute', () => {
  it('sends each route only to the sessions of its family', () => {
    const { send, unsendable } = addressByFamily([announce('203.0.113.1/32'), announce('2001:db8:30::1/128')], split);
    expect(send.map((intent) => intent.neighbors)).toEqual([['127.0.0.1'], ['::1']]);
    expect(unsendable).toEqual([]);
  });

  it('leaves a route without a selector when every neighbor carries its family', () => {
    const both = new Map([
      ['127.0.0.1', new Set(['ipv4 unicast', 'ipv6 unicast'])],
      ['::1', new Set(['ipv6 unicast', 'ipv4 unicast'])],
    ]);
    expect(addressByFamily([announce('203.0.113.1/32')], both).send).toEqual([announce('203.0.113.1/32')]);
  });

  it('narrows a selector to the neighbors of the family, and sets apart routes nobody carries', () => {
    const { send, unsendable } = addressByFamily([announce('2001:db8:30::1/128', { neighbors: ['127.0.0.1'] }), announce('203.0.113.1/32', { neighbors: ['127.0.0.1', '::1'] })], split);
    expect(send).toEqual([announce('203.0.113.1/32', { neighbors: ['127.0.0.1'] })]);
    expect(unsendable.map((intent) => intent.prefix)).toEqual(['2001:db8:30::1/128']);
  });

  it('changes nothing when no families are known', () => {
    expect(addressByFamily([announce('203.0.113.1/32')], undefined).send).toEqual([announce('203.0.113.1/32')]);
    expect(addressByFamily([announce('203.0.113.1/32')], new Map()).send).toEqual([announce('203.0.113.1/32')]);
  });
});

describe('neighborsFor', () => {
  it('names the sessions that must hold a route', () => {
    expect(neighborsFor(announce('203.0.113.1/32'), split)).toEqual(['127.0.0.1']);
    expect(neighborsFor(announce('2001:db8:30::1/128', { neighbors: ['127.0.0.1'] }), split)).toEqual([]);
  });
});
