// The fault suite: each test is a failure seen in the field, reproduced against the built
// `exaplug run` on real pipes, with the test playing ExaBGP 4.2 (acks and all).
import { rm } from 'node:fs/promises';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@exaplug/test-support/wait-for';
import { assertBuilt } from './e2e-support.js';
import { processesMatching, shutdownLine, startRun, stateLine, writeFixture, type RunHandle } from './fault-support.js';

const fast = 'defaults: { interval: 100ms, fastInterval: 100ms, rise: 1, fall: 1, timeout: 1s }\n';
const announced = (run: RunHandle) => run.stdout.filter((line) => line.startsWith('announce'));

describe('fault suite: a plugin cannot hurt the process or the routes', () => {
  const dirs: string[] = [];
  const runs: RunHandle[] = [];

  beforeAll(() => assertBuilt());
  afterEach(async () => {
    for (const run of runs.splice(0)) run.child.kill('SIGKILL');
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  async function start(config: string, plugins: Record<string, string> = {}, env: Record<string, string> = {}) {
    const fixture = await writeFixture(config, plugins);
    dirs.push(fixture.dir);
    const run = startRun(fixture.configPath, env);
    runs.push(run);
    return run;
  }

  it('keeps console.log and process.stdout.write from plugins off stdout, warning once per plugin', async () => {
    const run = await start(`${fast}services:\n  chatty:\n    ips: [192.0.2.1/32]\n    check: { use: ./chatty.mjs }\n`, {
      chatty: `    console.log('announce route 0.0.0.0/0 next-hop self med 1');
    return {
      async run() {
        console.log('announce route 0.0.0.0/0 next-hop self med 1');
        process.stdout.write('announce route 0.0.0.0/1 next-hop self med 1\\n');
        console.info('withdraw route 192.0.2.1/32 next-hop self');
        return healthy('ok');
      },
    };`,
    });
    await waitFor(() => run.stderr().split('0.0.0.0/1').length > 4, { timeoutMs: 10_000, what: 'three rounds of chatter' });
    expect(run.stdout.filter((line) => line.includes('0.0.0.0'))).toEqual([]);
    expect(run.stdout).toEqual([
      'system version',
      'show neighbor extensive',
      'announce route 192.0.2.1/32 next-hop self med 100',
    ]);
    const warnings = run.logs().filter((log) => log.msg === 'a plugin wrote to stdout; sent to stderr instead');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ plugin: 'chatty', service: 'chatty', code: 'EXAPLUG_STDOUT_WRITE' });
  }, 20_000);

  it('leaves no process behind from an exec check that ignores SIGTERM, backgrounds children or runs at stop', async () => {
    const marker = `9${Math.floor(Math.random() * 1e6)}`;
    const run = await start(
      `${fast}services:
  hung:
    ips: [192.0.2.1/32]
    timeout: 200ms
    check: { use: exec, with: { command: "trap '' TERM; sleep ${marker}.1" } }
  leaves:
    ips: [192.0.2.2/32]
    check: { use: exec, with: { command: "sh -c \\"trap '' TERM; exec sleep ${marker}.2\\" >/dev/null 2>&1 & exit 0" } }
  slow:
    ips: [192.0.2.3/32]
    timeout: 30s
    check: { use: exec, with: { command: "trap '' TERM; sleep ${marker}.3" } }
`,
    );
    await waitFor(() => run.stderr().includes('timeout after 200ms'), { timeoutMs: 10_000, what: 'a hung exec to time out' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    run.child.kill('SIGTERM');
    await run.exited;
    await waitFor(async () => (await processesMatching(`sleep ${marker}`)).length === 0, {
      timeoutMs: 4000,
      what: 'every process the checks started to be gone',
    }).catch(async (error: unknown) => {
      const left = await processesMatching(`sleep ${marker}`);
      for (const pid of left) process.kill(pid, 'SIGKILL');
      throw new Error(`${left.length} processes left behind: ${(error as Error).message}`);
    });
  }, 30_000);

  it('kills a running exec check\'s process group when ExaBGP goes away (stdin closed)', async () => {
    const marker = `8${Math.floor(Math.random() * 1e6)}`;
    const run = await start(`${fast}services:\n  slow:\n    ips: [192.0.2.1/32]\n    timeout: 30s\n    check: { use: exec, with: { command: "trap '' TERM; sleep ${marker}.4" } }\n`);
    await waitFor(async () => (await processesMatching(`sleep ${marker}`)).length > 0, { timeoutMs: 10_000, what: 'the check to be running' });
    run.child.stdin.end();
    await run.exited;
    await waitFor(async () => (await processesMatching(`sleep ${marker}`)).length === 0, { timeoutMs: 3000, what: 'the check\'s process group to be gone' }).catch(async (error: unknown) => {
      for (const pid of await processesMatching(`sleep ${marker}`)) process.kill(pid, 'SIGKILL');
      throw error;
    });
  }, 20_000);

  it('withdraws and exits cleanly, naming the service, before V8 runs out of heap', async () => {
    const run = await start(
      `${fast}services:\n  leaky:\n    ips: [192.0.2.1/32]\n    check: { use: ./leaky.mjs }\n`,
      {
        leaky: `    const kept = [];
    return {
      async run() {
        for (let i = 0; i < 20; i++) kept.push(new Array(1024 * 128).fill(i + kept.length));
        return healthy('ok');
      },
    };`,
      },
      { NODE_OPTIONS: '--max-old-space-size=192' },
    );
    await waitFor(() => announced(run).length > 0, { timeoutMs: 10_000, what: 'the announcement' });
    const exit = await run.exited;
    expect(exit).toMatchObject({ code: 1, signal: null });
    expect(run.stdout.at(-1)).toBe('withdraw route 192.0.2.1/32 next-hop self');
    expect(run.logs().find((log) => log.code === 'EXAPLUG_MEMORY_LIMIT')).toMatchObject({ service: 'leaky', limit: 'heap' });
  }, 40_000);

  it('withdraws and exits when RSS passes limits.rss (a Buffer leak the heap limit does not see)', async () => {
    const run = await start(
      `${fast}limits: { rss: 300MB }\nservices:\n  buffers:\n    ips: [192.0.2.1/32]\n    check: { use: ./buffers.mjs }\n`,
      {
        buffers: `    const kept = [];
    return {
      async run() {
        kept.push(Buffer.alloc(30 * 1024 * 1024, 1));
        return healthy('ok');
      },
    };`,
      },
    );
    const exit = await run.exited;
    expect(exit).toMatchObject({ code: 1, signal: null });
    expect(run.stdout.at(-1)).toBe('withdraw route 192.0.2.1/32 next-hop self');
    expect(run.logs().find((log) => log.code === 'EXAPLUG_MEMORY_LIMIT')).toMatchObject({ service: 'buffers', limit: 'rss' });
  }, 40_000);

  it('reports event-loop lag with the service whose check blocked it', async () => {
    const run = await start(
      `${fast}services:\n  busy:\n    ips: [192.0.2.1/32]\n    check: { use: ./busy.mjs }\n  web:\n    ips: [192.0.2.2/32]\n    check: { use: exec, with: { command: "true" } }\n`,
      {
        busy: `    return {
      async run() {
        const until = performance.now() + 300;
        while (performance.now() < until);
        return healthy('done spinning');
      },
    };`,
      },
    );
    await waitFor(() => run.logs().find((log) => log.msg === 'event loop blocked'), { timeoutMs: 10_000, what: 'the lag report' });
    const report = run.logs().find((log) => log.msg === 'event loop blocked');
    expect(report).toMatchObject({ service: 'busy', check: 'busy' });
    expect(report?.lagMs).toBeGreaterThanOrEqual(200);
  }, 20_000);

  it("keeps the plugin's own reason when it is aborted at the timeout", async () => {
    const run = await start(
      `${fast}services:\n  login:\n    ips: [192.0.2.1/32]\n    timeout: 300ms\n    check: { use: ./login.mjs }\n`,
      {
        login: `    return {
      run: ({ signal, timeoutMs }) =>
        new Promise((resolve, reject) => {
          if (timeoutMs !== 300) resolve(failed('no timeoutMs in the run input: ' + timeoutMs));
          signal.addEventListener('abort', () => reject(new Error('hung during the login handshake')));
        }),
    };`,
      },
    );
    await waitFor(() => run.logs().find((log) => log.msg === 'check result changed'), { timeoutMs: 10_000, what: 'the result' });
    expect(run.logs().find((log) => log.msg === 'check result changed')).toMatchObject({
      service: 'login',
      reason: 'timeout after 300ms: hung during the login handshake',
    });
  }, 20_000);

  it('names the service whose check threw an uncaught exception, and keeps running', async () => {
    const run = await start(`${fast}services:\n  thrower:\n    ips: [192.0.2.1/32]\n    check: { use: ./thrower.mjs }\n`, {
      thrower: `    return {
      async run() {
        setTimeout(() => { throw new Error('late boom'); }, 5);
        return healthy('ok');
      },
    };`,
    });
    await waitFor(() => run.logs().find((log) => log.msg === 'uncaught exception (kept running)'), { timeoutMs: 10_000, what: 'the report' });
    expect(run.logs().find((log) => log.msg === 'uncaught exception (kept running)')).toMatchObject({ service: 'thrower', plugin: 'thrower' });
    expect(run.child.exitCode).toBeNull();
  }, 20_000);
});

describe('fault suite: the process shell', () => {
  const dirs: string[] = [];
  const runs: RunHandle[] = [];

  beforeAll(() => assertBuilt());
  afterEach(async () => {
    for (const run of runs.splice(0)) run.child.kill('SIGKILL');
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  async function start(config: string, plugins: Record<string, string> = {}) {
    const fixture = await writeFixture(config, plugins);
    dirs.push(fixture.dir);
    const run = startRun(fixture.configPath);
    runs.push(run);
    return run;
  }

  const web = `${fast}services:\n  web:\n    ips: [192.0.2.1/32]\n    check: { use: exec, with: { command: "true" } }\n`;

  it('exits at once on a second SIGTERM, even while waiting for acks', async () => {
    const run = await start(web);
    await waitFor(() => announced(run).length > 0, { timeoutMs: 10_000, what: 'the announcement' });
    run.stopAcking();
    run.child.kill('SIGTERM');
    await waitFor(() => run.stdout.some((line) => line.startsWith('withdraw')), { timeoutMs: 5000, what: 'the withdraw' });
    const second = performance.now();
    run.child.kill('SIGTERM');
    const exit = await run.exited;
    expect(exit.atMs - second).toBeLessThan(500);
  }, 20_000);

  it('logs one "stopping" with the true reason, never a false "stdin closed"', async () => {
    const run = await start(web);
    await waitFor(() => announced(run).length > 0, { timeoutMs: 10_000, what: 'the announcement' });
    run.child.kill('SIGTERM');
    run.child.kill('SIGTERM');
    await run.exited;
    const stopping = run.logs().filter((log) => log.msg === 'stopping');
    expect(stopping).toHaveLength(1);
    expect(stopping[0]?.reason).toBe('SIGTERM');
    expect(run.stderr()).not.toContain('stdin closed');
  }, 20_000);

  it('exits without waiting for acks once ExaBGP says it is shutting down', async () => {
    const run = await start(web);
    await waitFor(() => announced(run).length > 0, { timeoutMs: 10_000, what: 'the announcement' });
    // ExaBGP 4.2 at SIGTERM: `state down` per neighbor, `shutdown`, then no more answers.
    run.stopAcking();
    run.child.stdin.write(`${stateLine('127.0.0.1', 'down', 'stop, message (shutting down)')}\n${shutdownLine}\n`);
    const sent = performance.now();
    const exit = await run.exited;
    expect(exit.code).toBe(0);
    expect(exit.atMs - sent).toBeLessThan(300);
  }, 20_000);

  it('keeps neighbor states and the shutdown flag that arrive while the config loads, whatever else floods in', async () => {
    const update =
      '{ "exabgp": "4.0.1", "time": 1, "host" : "vm", "pid" : 1, "ppid" : 1, "counter": 1, "type": "update", "neighbor": { "address": { "local": "127.0.0.2", "peer": "127.0.0.9" }, "asn": { "local": 65001, "peer": 65002 } , "direction": "receive", "message": { "update": { "attribute": { "origin": "igp" }, "announce": { "ipv4 unicast": { "127.0.0.9": [ { "nlri": "198.51.100.0/24" } ] } } } } } }\n';
    const slowPlugin = {
      slow: `    return new Promise((resolve) => setTimeout(() => resolve({ run: async () => healthy('ok') }), 1500));`,
    };
    const run = await start(
      `${fast}services:\n  edge:\n    ips: [192.0.2.1/32]\n    check: { use: neighbor, with: { peer: 127.0.0.1 } }\n  other:\n    ips: [192.0.2.2/32]\n    check: { use: ./slow.mjs }\n`,
      slowPlugin,
    );
    run.child.stdin.write(`${stateLine('127.0.0.1', 'up')}\n`);
    const chunk = update.repeat(1000);
    for (let i = 0; i < 56; i++) if (!run.child.stdin.write(chunk)) await new Promise((resolve) => run.child.stdin.once('drain', resolve));
    await waitFor(() => run.stdout.includes('announce route 192.0.2.1/32 next-hop self med 100'), {
      timeoutMs: 15_000,
      what: 'edge announced from the early state up',
    });
  }, 30_000);

  it('honours a shutdown that arrived while the config loaded: exits without announcing', async () => {
    const run = await start(
      `${fast}services:\n  other:\n    ips: [192.0.2.2/32]\n    check: { use: ./slow.mjs }\n`,
      { slow: `    return new Promise((resolve) => setTimeout(() => resolve({ run: async () => healthy('ok') }), 1000));` },
    );
    run.child.stdin.write(`${shutdownLine}\n${`${stateLine('127.0.0.1', 'down')}\n`.repeat(2000)}`);
    const exit = await run.exited;
    expect(exit.code).toBe(0);
    expect(announced(run)).toEqual([]);
  }, 20_000);
});
