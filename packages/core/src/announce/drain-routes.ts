import type { RouteIntent } from '@exaplug/protocol';

/** RFC 8326 GRACEFUL_SHUTDOWN: receivers that honour it lower the route's LOCAL_PREF to 0. */
export const gracefulShutdownCommunity = '65535:0';

/** The routes of a draining service: announced ones carry GRACEFUL_SHUTDOWN as well. */
export function withGracefulShutdown(intents: readonly RouteIntent[]): RouteIntent[] {
  return intents.map((intent) => {
    if (intent.action !== 'announce' || intent.communities?.includes(gracefulShutdownCommunity)) return intent;
    return { ...intent, communities: [...(intent.communities ?? []), gracefulShutdownCommunity] };
  });
}

/** The last step of a drain: every route of the service withdrawn, keeping what identifies it. */
export function withdrawnRoutes(intents: readonly RouteIntent[]): RouteIntent[] {
  return intents.map((intent) => {
    const withdraw: RouteIntent = { action: 'withdraw', prefix: intent.prefix, nextHop: intent.nextHop };
    if (intent.pathInformation !== undefined) withdraw.pathInformation = intent.pathInformation;
    if (intent.neighbors !== undefined) withdraw.neighbors = intent.neighbors;
    return withdraw;
  });
}
