import { expect, it } from 'vitest';
import { nextCheckDelay } from './next-check-delay.js';

const timing = { interval: 5000, fastInterval: 1000, downInterval: 3000, jitter: 0 };

it('waits the fast interval while rising or falling', () => {
  expect(nextCheckDelay('rising', timing, 0)).toBe(1000);
  expect(nextCheckDelay('falling', timing, 0)).toBe(1000);
});

it('waits the down interval while down and the interval otherwise', () => {
  expect(nextCheckDelay('down', timing, 0)).toBe(3000);
  expect(nextCheckDelay('up', timing, 0)).toBe(5000);
  expect(nextCheckDelay('init', timing, 0)).toBe(5000);
  expect(nextCheckDelay('disabled', timing, 0)).toBe(5000);
});

it('adds at most the jitter', () => {
  const jittered = { ...timing, jitter: 400 };
  expect(nextCheckDelay('up', jittered, 0)).toBe(5000);
  expect(nextCheckDelay('up', jittered, 0.999)).toBe(5399);
});
