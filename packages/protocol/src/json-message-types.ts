import type { ExabgpMessage, NeighborRef } from './messages.js';

/** A message, or why a JSON envelope is not one: the result of each JSON message reader. */
export type JsonMessageResult = { message: ExabgpMessage } | { reason: string };

/** The fields every message about a neighbor has, read once per line and spread into it. */
export type Common = { neighbor: NeighborRef; exabgpApiVersion?: string; time?: number };
