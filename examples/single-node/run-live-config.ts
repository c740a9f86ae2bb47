// `npm start -- --config my.yaml`: a plugin author's own config under a real ExaBGP 4.2 and a
// BIRD 2 route server on loopback, with no other server started. BIRD's table is printed
// each time it changes, until Ctrl-C. exaplug runs with the config where it is, so relative
// paths (`use: ./dist/index.js`, files) resolve as in production, and its control socket is
// that config's own (/run/exaplug/NAME-HASH.sock): `exaplug status --config my.yaml` talks to it.
import { spawnSync } from 'node:child_process';
import { startBird, type BirdHandle } from '@exaplug/test-support/bird';
import { startExabgp, type ExabgpHandle } from '@exaplug/test-support/exabgp';

type Say = (text: string) => void;

/** Every route exaplug's ExaBGP gave BIRD, one line each, sorted: what a router would see. */
async function describeTable(bird: BirdHandle): Promise<string> {
  const routes = [...(await bird.routesFrom('exa4')), ...(await bird.routesFrom('exa6'))];
  if (routes.length === 0) return '  (no routes)';
  return routes
    .map((route) => `  ${route.prefix.padEnd(24)} MED ${route.med ?? '-'}${route.communities ? `  communities ${route.communities}` : ''}`)
    .sort()
    .join('\n');
}

/** Resolves when the person presses Ctrl-C (or the process is told to stop), or ExaBGP dies. */
function untilStopped(isDead: () => boolean): { stopped: Promise<'signal' | 'exabgp'>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  let onSignal: () => void = () => {};
  const stopped = new Promise<'signal' | 'exabgp'>((resolve) => {
    onSignal = () => resolve('signal');
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    timer = setInterval(() => isDead() && resolve('exabgp'), 500);
  });
  const cancel = () => {
    clearInterval(timer);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  return { stopped, cancel };
}

/** Runs `configPath` under ExaBGP + BIRD until stopped; the exit code for the demo. */
export async function runLiveConfig(configPath: string, bin: string, say: Say): Promise<number> {
  // Refuse a bad config here, in one readable block, not as ExaBGP respawning a dying process.
  const validation = spawnSync(process.execPath, [bin, 'validate', '--config', configPath], { encoding: 'utf8' });
  if (validation.status !== 0) {
    process.stderr.write(`${validation.stdout}${validation.stderr}`);
    return 1;
  }
  say(validation.stdout.trim());
  const bird = await startBird({
    neighbors: [
      { name: 'exa4', address: '127.0.0.2', local: '127.0.0.1', family: 'ipv4', peerAs: 65001 },
      { name: 'exa6', address: '::1', local: '::1', family: 'ipv6', peerAs: 65001 },
    ],
  });
  let exabgp: ExabgpHandle | undefined;
  try {
    exabgp = await startExabgp({
      run: [process.execPath, bin, 'run', '--config', configPath],
      neighbors: [
        { peer: '127.0.0.1', local: '127.0.0.2', family: 'ipv4 unicast', port: bird.port },
        { peer: '::1', local: '::1', family: 'ipv6 unicast', port: bird.port },
      ],
    });
    say(`ExaBGP 4.2 runs \`exaplug run --config ${configPath}\`, peered with BIRD 2 on loopback.`);
    say(`In another terminal: exaplug status --config ${configPath}  ·  birdc -s ${bird.socket} show route all`);
    say("BIRD's table is printed below each time it changes; Ctrl-C to stop.");
    const why = await printTableUntilStopped(bird, exabgp, say);
    if (why === 'exabgp') process.stderr.write(`ExaBGP exited:\n${exabgp.output().slice(-3000)}\n`);
    return why === 'exabgp' ? 1 : 0;
  } finally {
    say('\nstopping ExaBGP (exaplug withdraws) and BIRD.');
    await exabgp?.stop('SIGTERM');
    await bird.stop();
  }
}

/** Prints BIRD's table at start and on each change, until Ctrl-C or ExaBGP's exit. */
async function printTableUntilStopped(bird: BirdHandle, exabgp: ExabgpHandle, say: Say): Promise<'signal' | 'exabgp'> {
  const stop = untilStopped(() => exabgp.exited);
  let shown: string | undefined;
  const poll = setInterval(() => {
    void describeTable(bird)
      .then((table) => {
        if (table !== shown) say(`\n${new Date().toISOString().slice(11, 19)} BIRD holds:\n${(shown = table)}`);
      })
      .catch(() => {});
  }, 500);
  try {
    return await stop.stopped;
  } finally {
    stop.cancel();
    clearInterval(poll);
  }
}
