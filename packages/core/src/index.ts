// The runtime entry: everything an embedding program or a test needs. Plugin authors
// import from '@exaplug/core/plugin' instead, which stays small.
export * from './plugin.js';
export { errorCodes } from './errors.js';
export type { ErrorCode } from './errors.js';
export { ConfigError } from './config/config-error.js';
export { loadConfig, configSearchPlaces } from './config/load-config.js';
export { parseConfig } from './config/parse-config.js';
export type { ExaplugConfig, ServiceConfig, PluginReference } from './config/resolve-config.js';
export type { ConfigInput } from './config/schema.js';
export { nextHealthState } from './health/next-health-state.js';
export type { HealthObservation, Hysteresis } from './health/next-health-state.js';
export { initialHealthState, isAnnouncedState } from './health/health-state.js';
export type { HealthState, HealthStateName } from './health/health-state.js';
export { nextCheckDelay } from './scheduler/next-check-delay.js';
export { runCheckWithTimeout } from './scheduler/run-check-with-timeout.js';
export type { Clock } from './scheduler/clock.js';
export { rotateStrategy, rotatedRank } from './strategies/rotate.js';
export { fixedStrategy } from './strategies/fixed.js';
export { scaledStrategy, stepAdd } from './strategies/scaled.js';
export { builtinStrategies } from './strategies/builtin-strategies.js';
export { builtinChecks } from './checks/builtin-checks.js';
export { planRouteChanges, planWithdrawAll, announcedRoutes } from './announce/plan-route-changes.js';
export { loadCheck, loadStrategy, packageCandidates } from './loading/load-plugin.js';
export { prepareServices, closeServices } from './loading/prepare-services.js';
export type { PreparedService } from './loading/prepare-services.js';
export { discoverPlugins } from './loading/discover-plugins.js';
// The ExaBGP API layer lives in @exaplug/protocol; these are the names core always exported.
export {
  AckTracker,
  createAckTracker,
  defaultDialectFor,
  detectExabgp,
  formatGroupedRouteCommand,
  formatRouteCommand,
  parseExabgpLine,
  parseExabgpVersion,
  routeGroupKey,
  validateRouteIntent,
  versionProbeCommand,
  wellKnownCommunities,
} from '@exaplug/protocol';
export type {
  AckCounters,
  AckTrackerOptions,
  AcknowledgedCommand,
  AnnouncedRoute,
  CommandDialect,
  Direction,
  EorMessage,
  ExabgpDetection,
  ExabgpMessage,
  ExabgpMessageType,
  ExabgpVersion,
  FsmMessage,
  KeepaliveMessage,
  NegotiatedMessage,
  NeighborRef,
  NotificationMessage,
  OpenMessage,
  OperationalMessage,
  ParsedLine,
  PendingCommand,
  RawMessage,
  RefreshMessage,
  RouteAttributes,
  ShutdownMessage,
  SignalMessage,
  StateMessage,
  TimedLine,
  UpdateFrameMessage,
  UpdateMessage,
  WithdrawnRoute,
} from '@exaplug/protocol';
export { Runtime } from './runtime/runtime.js';
export type { RuntimeOptions, StopOptions } from './runtime/runtime.js';
export type { LineSink } from './runtime/line-sink.js';
export type { ServiceStatus } from './runtime/service-runner.js';
export { runExabgpProcess } from './adapters/exabgp-process.js';
export { ExabgpProcess } from './process/exabgp-process.js';
export type { ExabgpProcessOptions, ProcessState, ProcessStatus } from './process/exabgp-process.js';
export type { StopReason } from './process/stop-policy.js';
export type { CreateIdleMode, IdleContext, IdleMode } from './process/idle-mode.js';
export { parseSize, formatSize } from './size.js';
