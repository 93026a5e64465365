/**
 * Peer locators of the `tcp-testing-only` netlayer and their URI form.
 * Spec: Locators.md, Netlayers.md (the OCapN drafts, https://github.com/ocapn/ocapn; harness/ocapn/README.md): transport `tcp-testing-only`, any
 * unique designator, hints `host` (IPv4 text) and `port` (decimal string); URI
 * `ocapn://<designator>.tcp-testing-only?host=127.0.0.1&port=22046`.
 * Guarantees: `parseTcpLocator` returns a complete location or throws an Error saying which part
 * is wrong; `formatTcpLocator(parseTcpLocator(u))` names the same peer.
 * Insecure by design: no authentication, no encryption — for tests on one machine.
 */
import type { PeerLocation } from '../world.js';

export const TCP_TRANSPORT = 'tcp-testing-only';

export interface TcpAddress {
  host: string;
  port: number;
}

export function tcpLocation(designator: string, address: TcpAddress): PeerLocation {
  return { transport: TCP_TRANSPORT, designator, hints: { host: address.host, port: String(address.port) } };
}

/** The host and port a `tcp-testing-only` location's hints name. */
export function tcpAddressOf(location: PeerLocation): TcpAddress {
  if (location.transport !== TCP_TRANSPORT) throw new Error(`not a ${TCP_TRANSPORT} location: transport "${location.transport}"`);
  const hints = location.hints;
  if (!hints || typeof hints.host !== 'string' || typeof hints.port !== 'string') {
    throw new Error(`${TCP_TRANSPORT} location ${location.designator} lacks the host and port hints`);
  }
  if (!/^(0|[1-9][0-9]{0,4})$/.test(hints.port) || Number(hints.port) > 65535) {
    throw new Error(`${TCP_TRANSPORT} location ${location.designator}: port hint "${hints.port}" is not a port number`);
  }
  return { host: hints.host, port: Number(hints.port) };
}

export function parseTcpLocator(uri: string): PeerLocation {
  const match = /^ocapn:\/\/([^/?#]+)\.([a-z0-9-]+)(?:\?([^#]*))?$/.exec(uri);
  if (!match) throw new Error(`not an OCapN peer locator: "${uri}" (expected ocapn://<designator>.${TCP_TRANSPORT}?host=…&port=…)`);
  const [, designator, transport, query] = match;
  if (transport !== TCP_TRANSPORT) throw new Error(`locator "${uri}": transport "${transport}" is not ${TCP_TRANSPORT}`);
  const hints: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(query ?? '')) hints[key] = value;
  const location: PeerLocation = { transport, designator: decodeURIComponent(designator), hints };
  tcpAddressOf(location);
  return location;
}

export function formatTcpLocator(location: PeerLocation): string {
  const { host, port } = tcpAddressOf(location);
  return `ocapn://${encodeURIComponent(location.designator)}.${TCP_TRANSPORT}?host=${encodeURIComponent(host)}&port=${port}`;
}

/** 127.0.0.0/8, ::1 and `localhost` (also as IPv4-mapped IPv6, as Node reports peers). */
export function isLoopback(host: string): boolean {
  const h = host.startsWith('::ffff:') ? host.slice(7) : host;
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}
