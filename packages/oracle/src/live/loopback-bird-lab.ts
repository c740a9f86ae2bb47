import { parseBirdRoutes, startBird } from '@exaplug/test-support/bird';
import { waitFor } from '@exaplug/test-support/wait-for';
import type { HeldRoute, OracleLab } from './lab.js';

/**
 * One BIRD on loopback with an IPv4 and an IPv6 session from ExaBGP, as
 * packages/core/test/exabgp-bird.test.ts peers them: the fallback when the trio lab is missing.
 */
export async function startLoopbackBirdLab(): Promise<OracleLab> {
  const neighbors = [
    { name: 'exa4', address: '127.0.0.2', local: '127.0.0.1', family: 'ipv4' as const, peerAs: 65001 },
    { name: 'exa6', address: '::1', local: '::1', family: 'ipv6' as const, peerAs: 65001 },
  ];
  const bird = await startBird({ neighbors });
  const established = async () => (await bird.isEstablished('exa4')) && (await bird.isEstablished('exa6'));
  const server = {
    name: 'bird',
    logFile: `${bird.dir}/bird.log`,
    async table() {
      const routes = [...parseBirdRoutes(await bird.birdc('show route protocol exa4 all')), ...parseBirdRoutes(await bird.birdc('show route protocol exa6 all'))];
      return new Map(routes.map((route): [string, HeldRoute] => [route.prefix, toHeldRoute(route)]));
    },
    established,
    // A new BIRD would listen on another port than ExaBGP's config names: reset the sessions instead.
    async restart() {
      await bird.birdc('restart exa4');
      await bird.birdc('restart exa6');
    },
  };
  return {
    nodeNamespace: undefined,
    node: { ipv4: '127.0.0.2', ipv6: '::1' },
    altNextHop: { ipv4: '127.0.0.3', ipv6: '::1' },
    servers: [server],
    exabgpNeighbors: [
      { peer: '127.0.0.1', local: '127.0.0.2', family: 'ipv4 unicast', port: bird.port },
      { peer: '::1', local: '::1', family: 'ipv6 unicast', port: bird.port },
    ],
    waitEstablished: async (timeoutMs = 30_000) => {
      await waitFor(established, { timeoutMs, what: 'the BGP sessions to BIRD' });
    },
    stop: () => bird.stop(),
  };
}

function toHeldRoute(route: ReturnType<typeof parseBirdRoutes>[number]): HeldRoute {
  const communities = [...(route.communities ?? '').matchAll(/\((\d+),(\d+)\)/g)].map((match) => `${match[1]}:${match[2]}`);
  return { prefix: route.prefix, med: route.med, communities, nextHop: (route.nextHop ?? '').split(' ')[0] ?? '' };
}
