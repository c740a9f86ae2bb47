import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBird, type BirdHandle } from '@exaplug/test-support/bird';
import { startExabgp, type ExabgpHandle } from '@exaplug/test-support/exabgp';
import { waitFor } from '@exaplug/test-support/wait-for';
import { assertBuilt, exaplugRun } from './e2e-support.js';

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('exaplug lifecycle under a real ExaBGP 4.2', () => {
  let dir: string;
  let bird: BirdHandle | undefined;
  let exabgp: ExabgpHandle | undefined;

  beforeAll(() => assertBuilt());

  afterEach(async () => {
    await exabgp?.stop('SIGKILL');
    await bird?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function start(config: string, encoder: 'json' | 'text' = 'json', env: Record<string, string> = {}) {
    dir = await mkdtemp(join(tmpdir(), 'exaplug-life-'));
    await writeFile(join(dir, 'exaplug.yaml'), config);
    bird = await startBird({ neighbors: [{ name: 'exa4', address: '127.0.0.2', local: '127.0.0.1', family: 'ipv4', peerAs: 65001 }] });
    exabgp = await startExabgp({
      run: exaplugRun(join(dir, 'exaplug.yaml')),
      encoder,
      env,
      neighbors: [{ peer: '127.0.0.1', local: '127.0.0.2', family: 'ipv4 unicast', port: bird.port }],
    });
    await waitFor(() => bird?.isEstablished('exa4'), { timeoutMs: 15_000, what: 'the session' });
  }

  it('stays idle on an invalid config instead of crash-looping ExaBGP', async () => {
    await start('services:\n  web:\n    ips: [203.0.113.300/32]\n    check: { use: nosuchcheck }\n');
    const [first] = await waitFor(() => exabgp?.children().then((c) => (c.length ? c : undefined)), { timeoutMs: 5000, what: 'exaplug' });
    // Longer than ExaBGP's respawn would need to give up (6 deaths ~50 ms apart).
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(exabgp?.exited).toBe(false);
    expect(await exabgp?.children()).toEqual([first]);
    expect(await bird?.isEstablished('exa4')).toBe(true);
    expect(exabgp?.output()).toContain('services.web.ips.0: \\"203.0.113.300/32\\" must be an IP address');
    expect(exabgp?.output()).toContain('exaplug is idle');
  }, 30_000);

  it('exits when ExaBGP is killed (stdin EOF), leaving no orphan', async () => {
    await start('services:\n  web:\n    ips: [203.0.113.10/32]\n    check: { use: exec, with: { command: "true" } }\n    rise: 1\n');
    await waitFor(async () => (await bird?.routes('203.0.113.10/32'))?.[0]?.med === 100, { timeoutMs: 10_000, what: 'the route' });
    const children = (await exabgp?.children()) ?? [];
    expect(children).toHaveLength(1);
    await exabgp?.stop('SIGKILL');
    await waitFor(() => children.every((pid) => !isAlive(pid)), { timeoutMs: 3000, what: 'exaplug to exit on EOF' });
  }, 30_000);

  it('works with the text encoder too', async () => {
    await start(
      'services:\n  web:\n    ips: [203.0.113.20/32]\n    check: { use: exec, with: { command: "true" } }\n    rise: 1\n    strategy: { use: fixed, with: { metrics: { up: 42 } } }\n',
      'text',
    );
    await waitFor(async () => (await bird?.routes('203.0.113.20/32'))?.[0]?.med === 42, { timeoutMs: 10_000, what: 'the route' });
    expect(exabgp?.output()).not.toContain('unreadable line');
  }, 30_000);

  it('detects that ExaBGP runs with acks off and still announces', async () => {
    await start(
      'services:\n  web:\n    ips: [203.0.113.30/32]\n    check: { use: exec, with: { command: "true" } }\n    rise: 1\n',
      'json',
      { 'exabgp.api.ack': 'false' },
    );
    await waitFor(async () => (await bird?.routes('203.0.113.30/32'))?.[0]?.med === 100, { timeoutMs: 10_000, what: 'the route' });
    expect(exabgp?.output()).toMatch(/"acks":"off"[^\n]*"msg":"exabgp detected"|"msg":"exabgp detected"[^\n]*"acks":"off"/);
    expect(exabgp?.output()).not.toContain('EXAPLUG_ACK_TIMEOUT');
  }, 30_000);

  it('a respawned exaplug asks ExaBGP for the sessions instead of judging the neighbor check blind', async () => {
    await start(
      'defaults: { interval: 200ms, fastInterval: 200ms, rise: 1, fall: 1 }\nservices:\n  edge:\n    ips: [203.0.113.40/32]\n    check: { use: neighbor, with: { peer: 127.0.0.1 } }\n',
    );
    const med = async () => (await bird?.routes('203.0.113.40/32'))?.[0]?.med;
    await waitFor(async () => (await med()) === 100, { timeoutMs: 10_000, what: 'the route at MED 100' });
    const [first] = (await exabgp?.children()) ?? [];
    process.kill(first as number, 'SIGKILL'); // a crash: ExaBGP keeps the route and respawns us
    await waitFor(async () => {
      const children = (await exabgp?.children()) ?? [];
      return children.length === 1 && children[0] !== first;
    }, { timeoutMs: 5000, what: 'the respawn' });
    const seen = new Set<number | undefined>();
    for (let sample = 0; sample < 40; sample++) {
      seen.add(await med());
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect([...seen]).toEqual([100]);
  }, 30_000);
});
