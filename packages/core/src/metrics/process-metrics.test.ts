import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { ReloadOutcome } from '../process/exabgp-process.js';
import { registerProcessMetrics } from './process-metrics.js';

/** A process as the metrics see it, set by the test. */
function fakeProcess() {
  const listeners = new Set<(outcome: ReloadOutcome) => void>();
  const state = { configValid: undefined as boolean | undefined, exabgp: undefined as { version: string | undefined; dialect: string } | undefined };
  return {
    state,
    reloaded: (outcome: ReloadOutcome) => listeners.forEach((listener) => listener(outcome)),
    source: {
      version: '0.1.0',
      configValid: () => state.configValid,
      exabgp: () => state.exabgp,
      onReloaded: (listener: (outcome: ReloadOutcome) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
  };
}

describe('process metrics', () => {
  it('says whether the config is valid: 1 only once a load succeeded', async () => {
    const process = fakeProcess();
    const registry = new Registry();
    registerProcessMetrics(registry, process.source);
    expect(await registry.metrics()).toMatch(/^exaplug_config_valid 0$/m);
    process.state.configValid = false;
    expect(await registry.metrics()).toMatch(/^exaplug_config_valid 0$/m);
    process.state.configValid = true;
    expect(await registry.metrics()).toMatch(/^exaplug_config_valid 1$/m);
  });

  it('counts reloads by outcome, every outcome present from the start', async () => {
    const process = fakeProcess();
    const registry = new Registry();
    registerProcessMetrics(registry, process.source);
    let text = await registry.metrics();
    for (const outcome of ['applied', 'refused', 'skipped']) expect(text).toContain(`exaplug_config_reloads_total{outcome="${outcome}"} 0`);
    process.reloaded('refused');
    process.reloaded('refused');
    process.reloaded('applied');
    text = await registry.metrics();
    expect(text).toContain('exaplug_config_reloads_total{outcome="refused"} 2');
    expect(text).toContain('exaplug_config_reloads_total{outcome="applied"} 1');
  });

  it('gives the build: its version, and ExaBGP version and dialect once detected', async () => {
    const process = fakeProcess();
    const registry = new Registry();
    registerProcessMetrics(registry, process.source);
    expect(await registry.metrics()).toContain('exaplug_build_info{version="0.1.0",exabgp_version="unknown",exabgp_dialect="unknown"} 1');
    process.state.exabgp = { version: '4.2.21', dialect: 'neighbor' };
    const text = await registry.metrics();
    expect(text).toContain('exaplug_build_info{version="0.1.0",exabgp_version="4.2.21",exabgp_dialect="neighbor"} 1');
    expect(text).not.toContain('exabgp_version="unknown"');
  });
});
