import { describe, expect, it } from 'vitest';
import { createRuntimeHarness } from '../testing/runtime-harness.js';
import { createRuntimeMetrics } from './runtime-metrics.js';

describe('runtime metrics', () => {
  it('counts results and transitions from events and reads states and MEDs at scrape time', async () => {
    const harness = await createRuntimeHarness(
      {
        exabgp: { acks: 'on', dialect: 'neighbor' },
        defaults: { interval: '1s', fastInterval: '1s', rise: 1, fall: 1, minDwell: 0 },
        services: { web: { ips: ['2001:db8:30::1', '2001:db8:30::2'], check: { use: 'exec', with: { command: 'true' } } } },
      },
      { web: ['pass', 'fail'] },
    );
    const { runtime } = harness;
    const registry = createRuntimeMetrics(runtime.events, () => ({
      services: runtime.status,
      routesByService: () => runtime.routesByService(),
      neighbors: runtime.neighbors,
      startedAtMs: 0,
    }));
    runtime.start();
    harness.feed(...harness.take().map(() => 'done'));
    await harness.clock.advance(0);
    harness.feed(...harness.take().map(() => 'done'));
    let text = await registry.metrics();
    expect(text).toContain('exaplug_check_results_total{service="web",status="healthy"} 1');
    expect(text).toContain('exaplug_service_health_state{service="web",state="up"} 1');
    // Every state has its series, so a graded service's `degraded` is not read as no state at all.
    expect(text).toContain('exaplug_service_health_state{service="web",state="degraded"} 0');
    expect(text).toContain('exaplug_service_announced_state{service="web",state="degraded"} 0');
    expect(text).toContain('exaplug_route_med{service="web",prefix="2001:db8:30::1/128"} 100');
    expect(text).toContain('exaplug_route_med{service="web",prefix="2001:db8:30::2/128"} 101');
    expect(text).toContain('exaplug_command_answers_total{answer="done"} 3');
    await harness.clock.advance(1000);
    harness.feed(...harness.take().map(() => 'error'));
    text = await registry.metrics();
    expect(text).toContain('exaplug_health_transitions_total{service="web",from="up",to="down"} 1');
    expect(text).toContain('exaplug_command_answers_total{answer="error"} 2');
    // ExaBGP refused the down routes: the gauge shows what ExaBGP holds, not what was hoped.
    expect(text).not.toContain('exaplug_route_med{service="web",prefix="2001:db8:30::1/128"} 1000');
    expect(text).toMatch(/exaplug_process_resident_memory_bytes \d+/);
  });
});
