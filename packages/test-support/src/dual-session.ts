import { startBird, type BirdHandle } from './bird.js';
import { startExabgp, type ExabgpConfigOptions, type ExabgpHandle } from './exabgp.js';

export interface DualSession {
  bird: BirdHandle;
  exabgp: ExabgpHandle;
  /** Stops ExaBGP (SIGKILL: the test is over) and BIRD. */
  stop(): Promise<void>;
}

/**
 * The loopback pair most live tests need: BIRD 2 with an IPv4-only session (`exa4`,
 * ExaBGP at 127.0.0.2) and an IPv6-only one (`exa6`, ::1), and ExaBGP 4.2 running `run`
 * on both. A route of one family on the other's session is what a dual-stack bug looks like.
 */
export async function startDualSession(options: Pick<ExabgpConfigOptions, 'run' | 'otherProcesses' | 'encoder'>): Promise<DualSession> {
  const bird = await startBird({
    neighbors: [
      { name: 'exa4', address: '127.0.0.2', local: '127.0.0.1', family: 'ipv4', peerAs: 65001 },
      { name: 'exa6', address: '::1', local: '::1', family: 'ipv6', peerAs: 65001 },
    ],
  });
  const exabgp = await startExabgp({
    ...options,
    neighbors: [
      { peer: '127.0.0.1', local: '127.0.0.2', family: 'ipv4 unicast', port: bird.port },
      { peer: '::1', local: '::1', family: 'ipv6 unicast', port: bird.port },
    ],
  });
  return {
    bird,
    exabgp,
    async stop() {
      await exabgp.stop('SIGKILL');
      await bird.stop();
    },
  };
}
