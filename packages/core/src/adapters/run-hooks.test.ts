import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceConfig } from '../config/resolve-config.js';
import { createRecordingLogger } from '../testing/recording-logger.js';
import { RuntimeEvents } from '../runtime/runtime-events.js';
import { runHooksOnTransitions } from './run-hooks.js';

const waitUntil = async (condition: () => Promise<boolean> | boolean, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('hooks on transitions', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'exaplug-hooks-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("runs onChange then the new state's hook, with the service, states and routes in the environment", async () => {
    const events = new RuntimeEvents();
    const logger = createRecordingLogger();
    const out = join(dir, 'out');
    const hooks = {
      onChange: [`printf '%s|%s|%s|%s\\n' "$EXAPLUG_SERVICE" "$EXAPLUG_PREVIOUS_STATE" "$EXAPLUG_STATE" "$STATE" >> ${out}`],
      onDown: [`printf '%s\\n' "$EXAPLUG_ROUTES" >> ${out}`],
      timeout: 5000,
    };
    runHooksOnTransitions(events, (name) => (name === 'web' ? ({ name, hooks } as unknown as ServiceConfig) : undefined), logger);
    events.emit({
      type: 'routesAnnounced',
      service: 'web',
      from: 'up',
      to: 'down',
      routes: [{ action: 'announce', prefix: '2001:db8:30::1/128', nextHop: 'self', med: 1000 }],
    });
    events.emit({ type: 'routesAnnounced', service: 'other', from: undefined, to: 'up', routes: [] });
    await waitUntil(async () => (await readFile(out, 'utf8').catch(() => '')).split('\n').length >= 3);
    expect(await readFile(out, 'utf8')).toBe('web|up|down|DOWN\nannounce 2001:db8:30::1/128 med 1000\n');
  });

  it('kills a hook at its timeout, whole process group included, and says so', async () => {
    const events = new RuntimeEvents();
    const logger = createRecordingLogger();
    const hooks = { onChange: ['sleep 30 & sleep 30'], timeout: 200 };
    runHooksOnTransitions(events, () => ({ name: 'web', hooks }) as unknown as ServiceConfig, logger);
    const started = Date.now();
    events.emit({ type: 'routesAnnounced', service: 'web', from: 'down', to: 'up', routes: [] });
    await waitUntil(() => logger.records.some((record) => record.msg === 'hook killed at its timeout'));
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
