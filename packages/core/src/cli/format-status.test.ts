import { describe, expect, it } from 'vitest';
import type { StatusReport } from '../control/control-protocol.js';
import { formatStatus } from './format-status.js';

const idle = (routes: NonNullable<StatusReport['idle']>['routes']): StatusReport => ({
  pid: 4242,
  version: '0.1.0',
  state: 'idle',
  config: '/etc/exaplug/web.yaml',
  configValid: false,
  idle: { problem: 'config', reasons: ['services.web.rise: Too small: expected number to be >=1'], sinceSeconds: 12, routes },
  services: [],
  neighbors: [],
});

describe('exaplug status for a terminal', () => {
  it('says why exaplug is idle and when the routes a previous exaplug left go', () => {
    const text = formatStatus(idle({ action: 'withdraw', afterSeconds: 30, inSeconds: 18 }));
    expect(text).toContain('exaplug 0.1.0, pid 4242: idle');
    expect(text).toContain('config /etc/exaplug/web.yaml');
    expect(text).toContain('idle for 12s: the config does not load:\n  services.web.rise: Too small: expected number to be >=1');
    expect(text).toContain(
      'routes a previous exaplug left inside allowedPrefixes: withdrawn in 18s unless the config is fixed and reloaded (onInvalidConfig: withdraw after 30s)',
    );
  });

  it('says when they were withdrawn already, kept, or left for want of an allow-list', () => {
    expect(formatStatus(idle({ action: 'withdraw', afterSeconds: 30, inSeconds: 0 }))).toContain('withdrawn (onInvalidConfig: withdraw after 30s, passed)');
    expect(formatStatus(idle({ action: 'keep' }))).toContain('stay announced, unchecked (onInvalidConfig: keep)');
    expect(formatStatus(idle({ action: 'none', why: 'no readable allowedPrefixes' }))).toContain('routes a previous exaplug left: no readable allowedPrefixes');
  });

  it('says when the file on disk no longer loads while the previous config runs on', () => {
    const text = formatStatus({ ...idle({ action: 'keep' }), state: 'running', idle: undefined });
    expect(text).toContain('config /etc/exaplug/web.yaml (does not load any more: the last reload was refused; the config loaded before runs on)');
  });

  it('shows the numbers a live-value strategy follows beside the last check', () => {
    const running: StatusReport = {
      ...idle({ action: 'keep' }),
      state: 'running',
      idle: undefined,
      configValid: true,
      services: [
        {
          name: 'web',
          state: 'up',
          announced: 'up',
          drained: false,
          lastResult: { status: 'healthy', reason: 'load 0.73' },
          values: { load: 0.734_567, lagS: 4 },
          routes: [{ action: 'announce', prefix: '2001:db8:30::1/128', med: 173 }],
        },
      ],
    };
    expect(formatStatus(running)).toContain('healthy: load 0.73 (load 0.7346, lagS 4)');
  });
});
