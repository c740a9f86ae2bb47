import { describe, expect, it } from 'vitest';
import { RuntimeEvents } from '../runtime/runtime-events.js';
import { createRuntimeMetrics, type RuntimeView } from './runtime-metrics.js';

type ServiceView = RuntimeView['services'][number];

/** A runtime as the metrics read it, with its services set by the test and a clock it moves. */
function fakeRuntime(services: ServiceView[]) {
  const clock = { ms: 1_000_000 };
  const view: RuntimeView = { services, routesByService: () => new Map(), neighbors: new Map(), startedAtMs: clock.ms };
  const events = new RuntimeEvents();
  const registry = createRuntimeMetrics(events, () => view, { now: () => clock.ms });
  return { clock, view, events, registry };
}

const service = (name: string, state: ServiceView['state']['name'], drained: ServiceView['drained'] = false): ServiceView => ({
  name,
  state: { name: state },
  announced: undefined,
  drained,
});

describe('service metrics an operator alerts on', () => {
  it('says which services are drained', async () => {
    const { registry } = fakeRuntime([service('web', 'disabled', 'withdrawn'), service('api', 'up')]);
    const text = await registry.metrics();
    expect(text).toContain('exaplug_service_drained{service="web"} 1');
    expect(text).toContain('exaplug_service_drained{service="api"} 0');
  });

  it('counts the seconds each service has been in its current state: from start, then from each change', async () => {
    const { clock, view, events, registry } = fakeRuntime([service('web', 'init')]);
    clock.ms += 4000;
    expect(await registry.metrics()).toContain('exaplug_service_state_seconds{service="web",state="init"} 4');
    view.services = [service('web', 'up')];
    events.emit({ type: 'healthChanged', service: 'web', from: 'init', to: 'up' });
    clock.ms += 2500;
    const text = await registry.metrics();
    expect(text).toContain('exaplug_service_state_seconds{service="web",state="up"} 2.5');
    expect(text).not.toContain('exaplug_service_state_seconds{service="web",state="init"}');
  });

  it('starts the count again for a service a reload added or changed, and for a new runtime', async () => {
    const { clock, view, events, registry } = fakeRuntime([service('web', 'up')]);
    clock.ms += 10_000;
    view.services = [service('web', 'up'), service('api', 'init')];
    events.emit({ type: 'configReloaded', kept: ['web'], added: ['api'], changed: [], removed: [] });
    clock.ms += 1000;
    let text = await registry.metrics();
    expect(text).toContain('exaplug_service_state_seconds{service="web",state="up"} 11');
    expect(text).toContain('exaplug_service_state_seconds{service="api",state="init"} 1');
    view.startedAtMs = clock.ms;
    clock.ms += 500;
    text = await registry.metrics();
    expect(text).toContain('exaplug_service_state_seconds{service="web",state="up"} 0.5');
  });

  it("exports each check's values, the numbers a live-value strategy follows", async () => {
    const { registry } = fakeRuntime([{ ...service('web', 'up'), values: { load: 0.75, lagS: 4 } }, service('api', 'up')]);
    const text = await registry.metrics();
    expect(text).toContain('exaplug_check_value{service="web",name="load"} 0.75');
    expect(text).toContain('exaplug_check_value{service="web",name="lagS"} 4');
    expect(text).not.toContain('exaplug_check_value{service="api"');
  });
});
