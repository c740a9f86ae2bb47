import { describe, expect, it } from 'vitest';
import type { ExabgpProcess } from '../process/exabgp-process.js';
import { handleControlRequest, type ControlIdentity } from './handle-control-request.js';

const identity: ControlIdentity = { pid: 4242, config: '/etc/exaplug/web.yaml', socket: '/run/exaplug/web-75b88350.sock', isOwnConfig: (path) => path === '/etc/exaplug/web.yaml' };

/** An idle shell: enough of ExabgpProcess for the control verbs. */
function idleShell(calls: string[] = []) {
  return {
    state: 'idle',
    status: {
      state: 'idle',
      services: [],
      idle: { problem: 'config', reasons: ['services.web.rise: too small'], sinceSeconds: 3, routes: { action: 'keep' } },
    },
    configValid: false,
    loadedConfig: undefined,
    reloadNow: async () => {
      calls.push('reload');
      return { started: true };
    },
  } as unknown as ExabgpProcess;
}

describe('the control verbs inside exaplug', () => {
  it('refuses a request meant for another config before doing anything', async () => {
    const calls: string[] = [];
    await expect(handleControlRequest(idleShell(calls), { command: 'reload', config: '/etc/exaplug/dns.yaml' }, identity)).rejects.toThrow(
      /runs \/etc\/exaplug\/web\.yaml, not \/etc\/exaplug\/dns\.yaml/,
    );
    expect(calls).toEqual([]);
    await handleControlRequest(idleShell(calls), { command: 'reload', config: '/etc/exaplug/web.yaml' }, identity);
    expect(calls).toEqual(['reload']);
  });

  it('says in every answer which exaplug answered', async () => {
    const answeredBy = { pid: 4242, config: '/etc/exaplug/web.yaml', socket: '/run/exaplug/web-75b88350.sock' };
    expect(await handleControlRequest(idleShell(), { command: 'reload' }, identity)).toEqual({ started: true, answeredBy });
    expect(await handleControlRequest(idleShell(), { command: 'status' }, identity)).toMatchObject({ answeredBy });
  });

  it('answers status while idle: the config it was started with, that it is invalid, and why', async () => {
    const report = await handleControlRequest(idleShell(), { command: 'status' }, identity);
    expect(report).toMatchObject({
      pid: 4242,
      state: 'idle',
      config: '/etc/exaplug/web.yaml',
      configValid: false,
      idle: { problem: 'config', reasons: ['services.web.rise: too small'], routes: { action: 'keep' } },
    });
  });
});
