import { describe, expect, it } from 'vitest';
import { findExaplugMoment } from './exaplug-log.js';

describe('findExaplugMoment', () => {
  const lines = [
    '14:17:23 | 15222  | reactor         | connected to peer-3',
    '{"level":30,"time":1000,"msg":"check result changed","status":"failed","reason":"connection refused"}',
    '{"level":30,"time":2010,"msg":"check result changed","status":"failed","reason":"connection refused"}',
    '{"level":30,"time":2010,"msg":"health changed","from":"up","to":"falling"}',
    '{"level":30,"time":2112,"msg":"health changed","from":"falling","to":"down"}',
    '{"level":30,"time":2114,"msg":"command sent","command":"announce route 2001:db8:30::1/128 next-hop self med 1002"}',
    '{"level":30,"time":2115,"msg":"command sent","command":"announce route 2001:db8:30::3/128 next-hop self med 1000"}',
  ];

  it('takes the first failure, the fall and the command after the kill', () => {
    expect(findExaplugMoment(lines, 2000, '2001:db8:30::3')).toEqual({ failedMs: 2010, downMs: 2112, commandMs: 2115 });
  });

  it('ignores what came before the kill', () => {
    expect(findExaplugMoment(lines.slice(0, 2), 2000, '2001:db8:30::3')).toEqual({});
  });
});
