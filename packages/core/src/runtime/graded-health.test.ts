import { describe, expect, it } from 'vitest';
import { createRuntimeHarness, type Scripted } from '../testing/runtime-harness.js';

const ips = ['2001:db8:30::1/128', '2001:db8:30::2/128'];

async function started(scripts: Scripted[], metrics: Record<string, number>) {
  const harness = await createRuntimeHarness(
    {
      exabgp: { acks: 'off', dialect: 'neighbor' },
      defaults: { interval: '5s', fastInterval: '1s', rise: 2, fall: 2, timeout: '2s', minDwell: 0 },
      services: { web: { ips, check: { use: 'exec', with: { command: 'true' } }, strategy: { use: 'fixed', with: { metrics } } } },
    },
    { web: scripts },
  );
  harness.runtime.start();
  return harness;
}

/**
 * Runs the script (its last outcome repeating) and returns the MEDs of each announcement,
 * one entry per change.
 */
async function medsPerRound(scripts: Scripted[], metrics: Record<string, number>): Promise<string[]> {
  const harness = await started([...scripts, ...Array.from({ length: 20 }, () => scripts.at(-1) as Scripted)], metrics);
  const rounds: string[] = [];
  for (let second = 0; second < scripts.length * 5; second++) {
    await harness.clock.advance(1000);
    const routes = harness.take().filter((line) => line.includes(' route '));
    rounds.push(routes.map((line) => line.split(' med ')[1] ?? line.split(' ')[0]).join(','));
  }
  return rounds;
}

describe('graded health', () => {
  it('announces the degraded tier after fall degraded checks and the up tier again after rise healthy ones', async () => {
    const rounds = await medsPerRound(['pass', 'pass', 'degraded', 'degraded', 'degraded', 'pass', 'pass'], { up: 100, degraded: 300 });
    expect(rounds.filter(Boolean)).toEqual(['100,101', '300,301', '100,101']);
  });

  it('treats degraded checks as healthy when the strategy has no degraded tier, as before', async () => {
    const rounds = await medsPerRound(['pass', 'pass', 'degraded', 'degraded', 'degraded', 'degraded'], { up: 100 });
    expect(rounds.filter(Boolean)).toEqual(['100,101']);
  });

  it('falls from the degraded tier to down on failures', async () => {
    const rounds = await medsPerRound(['degraded', 'degraded', 'fail', 'fail', 'fail'], { up: 100, degraded: 300 });
    expect(rounds.filter(Boolean)).toEqual(['300,301', '1000,1001']);
  });
});
