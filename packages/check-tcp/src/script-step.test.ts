import { describe, expect, it } from 'vitest';
import { toScriptStep } from './script-step.js';

function endOf(step: ReturnType<typeof toScriptStep>, received: string | Buffer): number {
  if (step.kind !== 'expect') throw new Error('not an expect step');
  return step.findEnd(typeof received === 'string' ? Buffer.from(received) : received);
}

describe('toScriptStep', () => {
  it('turns send and sendHex into bytes', () => {
    expect(toScriptStep({ send: 'PING\r\n' })).toEqual({ kind: 'send', data: Buffer.from('PING\r\n') });
    expect(toScriptStep({ sendHex: '0d0a' })).toEqual({ kind: 'send', data: Buffer.from([13, 10]) });
  });

  it('finds expected text and returns the offset just past it', () => {
    const step = toScriptStep({ expect: 'PONG' });
    expect(endOf(step, '+PONG\r\n')).toBe(5);
    expect(endOf(step, '+PON')).toBe(-1);
  });

  it('counts bytes, not characters, past a regex match in UTF-8 text', () => {
    const step = toScriptStep({ expectRegex: 'ok$' });
    expect(endOf(step, 'héllo ok')).toBe(Buffer.byteLength('héllo ok'));
    expect(endOf(step, 'ok then more')).toBe(-1);
  });

  it('finds raw bytes for expectHex', () => {
    const step = toScriptStep({ expectHex: 'ff00' });
    expect(endOf(step, Buffer.from([1, 0xff, 0, 2]))).toBe(3);
  });

  it('labels expectations the way reasons quote them', () => {
    const labels = [{ expect: 'PONG' }, { expectRegex: '^\\+PONG' }, { expectHex: '0d0a' }].map((options) => {
      const step = toScriptStep(options);
      return step.kind === 'expect' ? step.label : '';
    });
    expect(labels).toEqual(['"PONG"', '/^\\+PONG/', 'hex 0d0a']);
  });
});
