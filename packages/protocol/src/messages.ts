/** Which way a BGP message went, seen from ExaBGP. */
export type Direction = 'send' | 'receive';

/** The session a message is about. Text-encoder messages only know `peer` (and `direction`). */
export interface NeighborRef {
  peer: string;
  local?: string;
  peerAs?: number;
  localAs?: number;
  /** ExaBGP's own router-id; JSON of 5.0 and later only. */
  routerId?: string;
  direction?: Direction;
}

/** One NLRI ExaBGP announced or received. */
export interface AnnouncedRoute {
  /** `ipv4 unicast`, `ipv6 unicast`, … (text encoder: inferred from the prefix). */
  family: string;
  /** As ExaBGP resolved it: our own `next-hop self` shows as the local address. */
  nextHop: string;
  prefix: string;
  /** ADD-PATH path id, when ExaBGP printed one. */
  pathId?: string;
}

/** One NLRI withdrawn. */
export interface WithdrawnRoute {
  family: string;
  prefix: string;
  pathId?: string;
}

/** Path attributes of an UPDATE; a key is absent when the attribute was not in the message. */
export interface RouteAttributes {
  origin?: 'igp' | 'egp' | 'incomplete';
  /** Every ASN of every segment, in order (AS_SET members flattened in place). */
  asPath?: number[];
  med?: number;
  localPreference?: number;
  /** `65002:100`; well-known names are given numerically (`no-export` → `65535:65281`). */
  communities?: string[];
  /** `65002:1:2`. */
  largeCommunities?: string[];
  /** ExaBGP's string form, e.g. `target:65002:7`. */
  extendedCommunities?: string[];
}

interface Envelope {
  /** The JSON `"exabgp"` field: the API version (`4.0.1` for 4.2 and 6.x API v4, `5.0.0`, `6.0.0`). */
  exabgpApiVersion?: string;
  /** Float epoch seconds, JSON only. */
  time?: number;
}

interface NeighborMessage extends Envelope {
  neighbor: NeighborRef;
}

export interface StateMessage extends NeighborMessage {
  type: 'state';
  state: 'connected' | 'up' | 'down';
  /** Down reason; 4.2 and 5.0 word it differently (see docs/protocol.md). */
  reason?: string;
}

export interface OpenMessage extends NeighborMessage {
  type: 'open';
  version?: number;
  asn?: number;
  holdTime?: number;
  routerId?: string;
  /** Capability names as ExaBGP prints them. */
  capabilities: string[];
}

export interface KeepaliveMessage extends NeighborMessage {
  type: 'keepalive';
}

export interface UpdateMessage extends NeighborMessage {
  type: 'update';
  announce: AnnouncedRoute[];
  withdraw: WithdrawnRoute[];
  attributes: RouteAttributes;
}

/** Text encoder only: the `update start` / `update end` lines around an update's lines. */
export interface UpdateFrameMessage extends NeighborMessage {
  type: 'update-frame';
  phase: 'start' | 'end';
}

export interface EorMessage extends NeighborMessage {
  type: 'eor';
  afi: string;
  safi: string;
}

export interface NotificationMessage extends NeighborMessage {
  type: 'notification';
  code: number;
  subcode: number;
  /** Hex as ExaBGP prints it, `0x…`. */
  data: string;
  /** Decoded text, JSON of 5.0 and later. */
  message?: string;
}

/** ExaBGP is stopping. The process gets SIGTERM next (6.x does not send this at all). */
export interface ShutdownMessage extends Envelope {
  type: 'shutdown';
  /** ExaBGP's pid and parent pid (text: `shutdown <pid> <ppid>`). */
  pid?: number;
  ppid?: number;
}

export interface RefreshMessage extends NeighborMessage {
  type: 'refresh';
  afi: string;
  safi: string;
  subtype: string;
}

export interface NegotiatedMessage extends NeighborMessage {
  type: 'negotiated';
  holdTime?: number;
  families: string[];
  asn4?: boolean;
  messageSize?: number;
}

export interface FsmMessage extends NeighborMessage {
  type: 'fsm';
  /** `ACTIVE`, `CONNECT`, `OPENSENT`, `OPENCONFIRM`, `ESTABLISHED`, `IDLE`. */
  state: string;
}

export interface SignalMessage extends NeighborMessage {
  type: 'signal';
  code: number;
  name: string;
}

export interface OperationalMessage extends NeighborMessage {
  type: 'operational';
  /** Passed through as ExaBGP wrote it; exaplug does not use operational messages. */
  data: unknown;
}

/** A message subscribed with `packets` and without `parsed`: only the raw bytes. */
export interface RawMessage extends NeighborMessage {
  type: 'raw';
  /** BGP message type: 1 open, 2 update, 3 notification, 4 keepalive, 5 refresh. */
  category: number;
  header: string;
  body: string;
}

/** Every message ExaBGP writes to a process, from either encoder. */
export type ExabgpMessage =
  | StateMessage
  | OpenMessage
  | KeepaliveMessage
  | UpdateMessage
  | UpdateFrameMessage
  | EorMessage
  | NotificationMessage
  | ShutdownMessage
  | RefreshMessage
  | NegotiatedMessage
  | FsmMessage
  | SignalMessage
  | OperationalMessage
  | RawMessage;

/** The `type` tags of ExabgpMessage. */
export type ExabgpMessageType = ExabgpMessage['type'];

/** What one line ExaBGP wrote to the process means. */
export type ParsedLine =
  | { kind: 'ack'; ack: 'done' | 'error' | 'shutdown'; text?: string }
  | {
      kind: 'output';
      text: string;
      /**
       * Set for 6.x `error: <reason>` lines: the reason of the `error` ack that follows on
       * the next line (the ack itself is a separate line, so this is not an ack).
       */
      errorReason?: string;
    }
  | { kind: 'message'; message: ExabgpMessage }
  | { kind: 'empty' }
  | { kind: 'unknown'; line: string; reason: string };
