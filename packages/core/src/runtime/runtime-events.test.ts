import { describe, expect, it } from 'vitest';
import { RuntimeEvents, type RuntimeEvent } from './runtime-events.js';

describe('RuntimeEvents', () => {
  it('delivers each event to the listeners of its type until they unsubscribe', () => {
    const events = new RuntimeEvents();
    const seen: string[] = [];
    const off = events.on('healthChanged', (event) => seen.push(`${event.service}:${event.to}`));
    events.on('commandWritten', (event) => seen.push(event.command));
    events.emit({ type: 'healthChanged', service: 'web', from: 'up', to: 'falling' });
    events.emit({ type: 'commandWritten', command: 'show neighbor extensive' });
    off();
    events.emit({ type: 'healthChanged', service: 'web', from: 'falling', to: 'down' });
    expect(seen).toEqual(['web:falling', 'show neighbor extensive']);
  });

  it('reports a listener that throws and still calls the others', () => {
    const failures: RuntimeEvent[] = [];
    const events = new RuntimeEvents((_, event) => failures.push(event));
    let called = false;
    events.on('neighborChanged', () => {
      throw new Error('metrics bug');
    });
    events.on('neighborChanged', () => (called = true));
    events.emit({ type: 'neighborChanged', peer: '::1', state: 'up' });
    expect(called).toBe(true);
    expect(failures).toHaveLength(1);
  });
});
