// @exaplug/protocol: ExaBGP's process API as pure functions. Lines in → typed messages out;
// route intents in → command lines out; acks in → the commands they confirm.

// Reading what ExaBGP writes (4.2, 5.0, 6.0; JSON and text encoders).
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
export { parseShowOutput } from './parse-show-output.js';
export type { ShowRow } from './parse-show-output.js';
export { parseAdjRibRow } from './parse-adj-rib-row.js';
export type { AdjRibRow } from './parse-adj-rib-row.js';
export { parseNeighborExtensive } from './parse-neighbor-extensive.js';
export type { NeighborDescription } from './parse-neighbor-extensive.js';

// Which ExaBGP is on the other end, and which command vocabulary it speaks.
export { defaultDialectFor, detectExabgp, parseExabgpVersion, versionProbeCommand } from './detect-exabgp.js';
export type { ExabgpDetection, ExabgpVersion, TimedLine } from './detect-exabgp.js';

// Writing commands.
export type { CommandDialect, RouteIntent } from './route-intent.js';
export { formatGroupedRouteCommand, formatRouteCommand, routeGroupKey } from './format-command.js';
export { groupAdjacentRoutes, maxRoutesPerCommand } from './group-routes.js';
export { validateRouteIntent } from './validate-route-intent.js';
export { isPrefixAllowed, parseAllowedPrefix } from './allowed-prefixes.js';
export type { AllowedPrefix } from './allowed-prefixes.js';
export { addressFamily, canonicalPrefix, parseIpPrefix, prefixContains, prefixesOverlap, readIpPrefix, unicastFamilyOf } from './ip-prefix.js';
export type { IpPrefix } from './ip-prefix.js';
export { toNumericCommunity, wellKnownCommunities } from './well-known-communities.js';

// Pairing ExaBGP's `done` / `error` acks with the commands written.
export { AckTracker, createAckTracker } from './ack-tracker.js';
export type { AckCounters, AckTrackerOptions, AcknowledgedCommand, PendingCommand } from './ack-tracker.js';

export { isProtocolError, ProtocolError, protocolErrorCodes } from './protocol-error.js';
export type { ProtocolErrorCode } from './protocol-error.js';
