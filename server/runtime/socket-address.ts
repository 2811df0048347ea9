import http from "node:http";
import { SOCKET_ADDRESS_HEADER } from "@/server/auth/client-ip";

const globalForSocket = globalThis as unknown as { __vlSocketAddress?: boolean };

/**
 * Route handlers in Next cannot see the connection, and Next keeps a client-sent
 * `X-Forwarded-For` as it is. So, before Next handles a request, the peer address of its
 * socket is written into a header of our own (replacing anything the client sent under that
 * name); server/auth/client-ip.ts reads it. `next start` serves HTTP from this process.
 */
export function recordSocketAddresses() {
  if (globalForSocket.__vlSocketAddress) return;
  globalForSocket.__vlSocketAddress = true;
  const emit = http.Server.prototype.emit as (this: http.Server, event: string, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function (this: http.Server, event: string, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      const address = req.socket?.remoteAddress;
      if (address) req.headers[SOCKET_ADDRESS_HEADER] = address.replace(/^::ffff:/, "");
      else delete req.headers[SOCKET_ADDRESS_HEADER];
    }
    return emit.call(this, event, ...args);
  } as typeof http.Server.prototype.emit;
}
