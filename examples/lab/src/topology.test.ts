import { describe, expect, it } from 'vitest';
import { rotateMed, serviceIps, webNodes } from './topology.js';

describe('rotateMed', () => {
  it('gives each service IP exactly one primary node', () => {
    const primaries = serviceIps.map((_ip, j) => webNodes.find((node) => rotateMed(node.index, j) === 100)?.name);
    expect(primaries).toEqual(['w3', 'w2', 'w1']);
  });

  it('ranks the backups of ::1 as w2 then w1', () => {
    expect(webNodes.map((node) => rotateMed(node.index, 0))).toEqual([102, 101, 100]);
  });

  it('adds the rank to the down base', () => {
    expect(serviceIps.map((_ip, j) => rotateMed(0, j, 1000))).toEqual([1002, 1001, 1000]);
  });
});
