import type { Clock } from '../scheduler/clock.js';

interface Timer {
  at: number;
  seq: number;
  callback: () => void;
}

/** A clock that only moves when told to; `advance` runs due timers and lets promises settle. */
export class FakeClock implements Clock {
  private current = 0;
  private seq = 0;
  private timers: Timer[] = [];

  now(): number {
    return this.current;
  }

  setTimer(ms: number, callback: () => void): () => void {
    const timer = { at: this.current + Math.max(0, ms), seq: this.seq++, callback };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Moves time forward by `ms`, firing each timer at its own time, in order. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    await settle();
    for (;;) {
      const next = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.current = next.at;
      next.callback();
      await settle();
    }
    this.current = target;
  }
}

/** Lets queued promise callbacks (and I/O-free async chains) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
