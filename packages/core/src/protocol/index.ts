// The ExaBGP protocol layer: pure functions from lines to messages and from routes to commands.
export { parseExabgpLine } from './parse-exabgp-line.js';
export type {
  AnnouncedRoute,
  Direction,
  EorMessage,
  ExabgpMessage,
  ExabgpMessageType,
  FsmMessage,
  KeepaliveMessage,
  NegotiatedMessage,
  NeighborRef,
  NotificationMessage,
  OpenMessage,
  OperationalMessage,
  ParsedLine,
  RawMessage,
  RefreshMessage,
  RouteAttributes,
  ShutdownMessage,
  SignalMessage,
  StateMessage,
  UpdateFrameMessage,
  UpdateMessage,
  WithdrawnRoute,
} from './messages.js';
export { formatGroupedRouteCommand, formatRouteCommand, routeGroupKey } from './format-command.js';
export { validateRouteIntent } from './validate-route-intent.js';
export { AckTracker, createAckTracker } from './ack-tracker.js';
export type { AckCounters, AckTrackerOptions, AcknowledgedCommand, PendingCommand } from './ack-tracker.js';
export { defaultDialectFor, detectExabgp, parseExabgpVersion, versionProbeCommand } from './detect-exabgp.js';
export type { ExabgpDetection, ExabgpVersion, TimedLine } from './detect-exabgp.js';
export { wellKnownCommunities } from './well-known-communities.js';
