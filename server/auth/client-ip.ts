/**
 * The address the app's own HTTP server saw the connection come from. Set by
 * server/runtime/socket-address.ts on every request (any value a client sends is replaced),
 * because Next passes `X-Forwarded-For` through untouched when a client sets it.
 */
export const SOCKET_ADDRESS_HEADER = "x-venturelens-socket-address";

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined;

function header(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const v = headers[name];
  return Array.isArray(v) ? v.join(",") : v;
}

/**
 * The client's address for rate limits. `X-Forwarded-For` is a list that each proxy appends
 * to, so only its last `trustedProxies` entries were written by proxies we run; everything
 * before them is whatever the client sent. With no trusted proxy (the default) the answer is
 * the socket address and the header is ignored.
 */
export function clientIp(headers: HeaderSource, trustedProxies: number): string | null {
  const socket = header(headers, SOCKET_ADDRESS_HEADER)?.trim();
  if (!socket) return null;
  if (trustedProxies === 0) return socket;
  const forwarded = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  // The socket peer is the last hop; each trusted proxy vouches for the hop before it.
  const hops = [...forwarded, socket];
  return hops[Math.max(0, hops.length - 1 - trustedProxies)]!;
}
