/**
 * The slice of endo's `@endo/ocapn` (src/client/types.js) the adapter uses, typed here because
 * the package is not on the npm registry: it resolves only in the endo worker bundle, from the
 * checkout named by OCAPN_ENDO_PATH. Shapes are facts about endo's API, not its code.
 */
declare module '@endo/ocapn' {
  export interface OcapnLocation {
    type: 'ocapn-peer';
    transport: string;
    designator: string;
    hints: false | Record<string, string>;
  }
  export interface EndoConnection {
    readonly isOutgoing: boolean;
    readonly isDestroyed: boolean;
    write(bytes: Uint8Array): void;
    end(): void;
  }
  export interface SocketOperations {
    write(bytes: Uint8Array): void;
    end(): void;
  }
  export interface EndoNetLayer {
    location: OcapnLocation;
    locationId: string;
    connect(location: OcapnLocation): EndoConnection;
    shutdown(): void;
  }
  export interface NetlayerHandlers {
    makeConnection(netlayer: EndoNetLayer, isOutgoing: boolean, socket: SocketOperations): EndoConnection;
    handleMessageData(connection: EndoConnection, data: Uint8Array): void;
    handleConnectionClose(connection: EndoConnection, reason?: Error): void;
  }
  export interface Logger {
    log(...args: unknown[]): void;
    error(...args: unknown[]): void;
    info(...args: unknown[]): void;
  }
  /** Present with `debugMode`; `flushExport` only on the endo branch that speaks op:flush. */
  export interface OcapnDebug {
    ocapnTable: {
      getSlotForValue(value: object): string | undefined;
      getValueForSlot(slot: string): object | undefined;
    };
    flushExport?: (remoteValue: object) => Promise<void>;
  }
  export interface InternalSession {
    id: ArrayBufferLike;
    peer: { location: OcapnLocation };
    ocapn?: { _debug?: OcapnDebug };
  }
  export interface SessionManager {
    getSessionForConnection(connection: EndoConnection): InternalSession | undefined;
  }
  export type SturdyRef = object;
  export interface Client {
    registerNetlayer<T extends EndoNetLayer>(make: (handlers: NetlayerHandlers, logger: Logger) => T | Promise<T>): Promise<T>;
    makeSturdyRef(location: OcapnLocation, swissNum: ArrayBufferLike): SturdyRef;
    enlivenSturdyRef(sturdyRef: SturdyRef): Promise<object>;
    registerSturdyRef(swissStr: string, object: object): void;
    shutdown(): void;
    _debug?: { sessionManager: SessionManager };
  }
  export function makeClient(options?: {
    debugLabel?: string;
    verbose?: boolean;
    swissnumTable?: Map<string, unknown>;
    giftTable?: Map<string, unknown>;
    captpVersion?: string;
    enableImportCollection?: boolean;
    debugMode?: boolean;
    logger?: Logger;
  }): Client;
  export function swissnumFromBytes(bytes: Uint8Array): ArrayBufferLike;
}
