import { describe, expect, it } from 'vitest';
import { EarlyLines } from './early-lines.js';

const state = (peer: string, value: string) =>
  `{ "exabgp": "4.0.1", "time": 1, "host" : "vm", "pid" : 1, "ppid" : 1, "counter": 1, "type": "state", "neighbor": { "address": { "local": "127.0.0.2", "peer": "${peer}" }, "asn": { "local": 65001, "peer": 65002 } , "state": "${value}" } }`;
const update =
  '{ "exabgp": "4.0.1", "time": 1, "host" : "vm", "pid" : 1, "ppid" : 1, "counter": 1, "type": "update", "neighbor": { "address": { "local": "127.0.0.2", "peer": "127.0.0.1" }, "asn": { "local": 65001, "peer": 65002 } , "direction": "receive", "message": { "update": { "attribute": { "origin": "igp" }, "announce": { "ipv4 unicast": { "127.0.0.1": [ { "nlri": "198.51.100.0/24" } ] } } } } } }';
const shutdown = '{ "exabgp": "4.0.1", "time": 1, "host" : "vm", "pid" : 1, "ppid" : 1, "type": "notification", "notification": "shutdown" }';

describe('lines kept while the config loads', () => {
  it('keeps the latest state of each neighbor however many other lines arrive', () => {
    const early = new EarlyLines();
    early.add(state('127.0.0.1', 'connected'));
    early.add(state('127.0.0.1', 'up'));
    early.add(state('127.0.0.3', 'down'));
    for (let i = 0; i < 56_000; i++) early.add(update);
    expect(early.dropped).toBe(56_000);
    expect(early.take()).toEqual([state('127.0.0.1', 'up'), state('127.0.0.3', 'down')]);
    expect(early.take()).toEqual([]);
  });

  it('remembers that ExaBGP is shutting down, and replays it last', () => {
    const early = new EarlyLines();
    early.add(shutdown);
    early.add(state('127.0.0.1', 'down'));
    expect(early.isShutdown).toBe(true);
    expect(early.take()).toEqual([state('127.0.0.1', 'down'), shutdown]);
  });

  it('reads the text encoder too', () => {
    const early = new EarlyLines();
    early.add('neighbor 127.0.0.1 up');
    early.add('neighbor 127.0.0.1 update start');
    expect(early.take()).toEqual(['neighbor 127.0.0.1 up']);
  });
});
