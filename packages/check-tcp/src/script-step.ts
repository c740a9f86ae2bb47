import type { ScriptStepOptions } from './tcp-options.js';

/** A script step ready to run: bytes to send, or a matcher over what has been received. */
export type ScriptStep =
  | { kind: 'send'; data: Buffer }
  | {
      kind: 'expect';
      /** For reasons: `"PONG"`, `/^\+PONG/`, `hex 0d0a`. */
      label: string;
      /** Byte offset just past the first match in `received`, or -1. */
      findEnd(received: Buffer): number;
    };

function findBytes(label: string, bytes: Buffer): ScriptStep {
  return {
    kind: 'expect',
    label,
    findEnd(received) {
      const at = received.indexOf(bytes);
      return at === -1 ? -1 : at + bytes.length;
    },
  };
}

function findPattern(pattern: RegExp): ScriptStep {
  return {
    kind: 'expect',
    label: String(pattern),
    findEnd(received) {
      const text = received.toString('utf8');
      const match = pattern.exec(text);
      return match ? Buffer.byteLength(text.slice(0, match.index + match[0].length)) : -1;
    },
  };
}

/** Turns a validated step from the options into one the script runner can use. */
export function toScriptStep(step: ScriptStepOptions): ScriptStep {
  if ('send' in step) return { kind: 'send', data: Buffer.from(step.send, 'utf8') };
  if ('sendHex' in step) return { kind: 'send', data: Buffer.from(step.sendHex, 'hex') };
  if ('expect' in step) return findBytes(JSON.stringify(step.expect), Buffer.from(step.expect, 'utf8'));
  if ('expectHex' in step) return findBytes(`hex ${step.expectHex}`, Buffer.from(step.expectHex, 'hex'));
  return findPattern(new RegExp(step.expectRegex));
}
