import { describe, expect, it } from 'vitest';
import { renderExabgpConfig } from '../src/exabgp.js';

const loopback = { peer: '127.0.0.1', local: '127.0.0.2', family: 'ipv4 unicast', port: 1179 } as const;

describe('renderExabgpConfig', () => {
  it('keeps the loopback defaults: router-id 127.0.0.2, hold time 9, dialling the peer', () => {
    const config = renderExabgpConfig({ run: ['/bin/cat'], neighbors: [loopback] });
    expect(config).toContain('router-id 127.0.0.2;');
    expect(config).toContain('hold-time 9;');
    expect(config).toContain('connect 1179;');
    expect(config).toContain('receive { parsed; update; }');
    expect(config).not.toMatch(/passive|listen/);
  });

  it('writes the optional router-id, hold time, passive and listen of a namespaced node', () => {
    const neighbor = { ...loopback, routerId: '198.51.100.1', holdTime: 6, passive: true, listen: 179 };
    const config = renderExabgpConfig({ run: ['/bin/cat'], neighbors: [neighbor], receive: false });
    expect(config).toContain('router-id 198.51.100.1;');
    expect(config).toContain('hold-time 6;');
    expect(config).toContain('passive;');
    expect(config).toContain('listen 179;');
    expect(config).not.toContain('receive {');
  });
});
