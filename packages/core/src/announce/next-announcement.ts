import type { AnnouncedState } from '../health/health-state.js';

export interface AnnouncementMoment {
  /** The last announced-type state the health machine reached (held through rising/falling). */
  target: AnnouncedState | undefined;
  /** What was last written for the service. */
  announced: AnnouncedState | undefined;
  /** When that was written; undefined before the first announcement. */
  announcedAtMs: number | undefined;
  nowMs: number;
  /** The shortest time between two announcements of one service. */
  minDwellMs: number;
}

export type AnnouncementDecision = { kind: 'none' } | { kind: 'now'; state: AnnouncedState } | { kind: 'later'; inMs: number };

/**
 * Flap damping by dwell time: a service announces at most once per `minDwell`, and when
 * the dwell ends it announces whatever its health says then, so a check that alternates
 * every 100 ms costs routers one update per dwell and the true state is never more than a
 * dwell late. A first announcement is never held back.
 */
export function nextAnnouncement(moment: AnnouncementMoment): AnnouncementDecision {
  const { target, announced, announcedAtMs, nowMs, minDwellMs } = moment;
  if (target === undefined || target === announced) return { kind: 'none' };
  if (announcedAtMs === undefined) return { kind: 'now', state: target };
  const waitMs = announcedAtMs + minDwellMs - nowMs;
  return waitMs > 0 ? { kind: 'later', inMs: waitMs } : { kind: 'now', state: target };
}
