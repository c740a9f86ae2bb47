// Throughput and memory of the hot paths, printed as figures (not a timed test):
//   npm run bench -w @exaplug/core
// 1. parseExabgpLine over the real ExaBGP 4.2 and 5.0 JSON and text streams.
// 2. formatRouteCommand (validation included) for announce lines.
// 3. the Runtime with N services flapping, fake clock: commands per second, heap per service
//    (the fake clock's own timer scan dominates at 1000 services).
import { formatRouteCommand, parseExabgpLine } from '@exaplug/protocol';
import { createRuntimeHarness } from '../src/testing/runtime-harness.js';
import { readFixture } from '../test/fixtures.js';

const streams = ['exabgp-4.2/json', 'exabgp-4.2/text', 'exabgp-5.0/json', 'exabgp-5.0/text'];

/** Heap figures mean something only after a collection (run with --expose-gc). */
function collectGarbage() {
  (globalThis as { gc?: () => void }).gc?.();
}

function measure(label: string, units: string, count: number, body: () => void) {
  body(); // warm up
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = process.hrtime.bigint();
  body();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  collectGarbage();
  const heapMiB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  console.log(
    `${label.padEnd(44)} ${Math.round(count / seconds).toLocaleString('en').padStart(12)} ${units}/s  (${(seconds * 1000).toFixed(0)} ms, heap ${heapMiB >= 0 ? '+' : ''}${heapMiB.toFixed(1)} MiB)`,
  );
}

for (const stream of streams) {
  const lines = readFixture(`${stream}/stream.raw`).split('\n');
  const repeat = Math.ceil(200_000 / lines.length);
  measure(`parse ${stream} (${lines.length} lines × ${repeat})`, 'lines', lines.length * repeat, () => {
    for (let i = 0; i < repeat; i++) for (const line of lines) parseExabgpLine(line);
  });
}

const intents = Array.from({ length: 1000 }, (_, i) => ({
  action: 'announce' as const,
  prefix: `2001:db8:${(i >> 8).toString(16)}::${(i & 255).toString(16)}/128`,
  nextHop: 'self',
  med: 100 + (i % 3),
  communities: ['65001:100', 'no-export'],
}));
measure('format + validate announce commands', 'commands', intents.length * 100, () => {
  for (let r = 0; r < 100; r++) for (const intent of intents) formatRouteCommand(intent, 'neighbor');
});

for (const services of [10, 100, 1000]) {
  const config = {
    exabgp: { acks: 'off', dialect: 'neighbor' },
    defaults: { interval: '1s', fastInterval: '1s', rise: 1, fall: 1, timeout: '1s', strategy: { use: 'rotate', with: { node: 0, nodes: 3 } } },
    services: Object.fromEntries(
      Array.from({ length: services }, (_, i) => [
        `svc${i}`,
        { ips: [`2001:db8:${i.toString(16)}::1/128`, `2001:db8:${i.toString(16)}::2/128`, `2001:db8:${i.toString(16)}::3/128`], check: { use: 'exec', with: { command: 'true' } } },
      ]),
    ),
  };
  const flaps = 20;
  const script = Array.from({ length: flaps }, (_, i) => (i % 2 === 0 ? 'pass' : 'fail') as 'pass' | 'fail');
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const harness = await createRuntimeHarness(config, Object.fromEntries(Object.keys(config.services).map((name) => [name, [...script]])));
  harness.runtime.start();
  const started = process.hrtime.bigint();
  await harness.clock.advance(flaps * 1000);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const written = harness.take().length;
  collectGarbage();
  const heapPerService = (process.memoryUsage().heapUsed - heapBefore) / services / 1024;
  console.log(
    `${`runtime: ${services} services × 3 IPs, ${flaps} flaps`.padEnd(44)} ${Math.round(written / seconds).toLocaleString('en').padStart(12)} commands/s  (${written} commands in ${(seconds * 1000).toFixed(0)} ms, ~${heapPerService.toFixed(1)} KiB heap/service)`,
  );
  await harness.runtime.stop({ withdraw: false });
}
