// The listening socket of the Node server. A digest morning is thousands of parents asking for the same few
// pages and feeds, and Node's HTTP server spends about three times as long on each request as writing bytes
// already in memory takes (bench/serve.ts). So connections arrive here first. A request whose head came
// whole in one read, is a strictly well-formed GET or HEAD without a body, and asks for a public page, feed
// or the embed is answered with the public cache's bytes (public-cache.ts), filled through the app when
// they are not in memory. Anything else (a malformed or unusual request, a body, a head spread over reads,
// credentials, Connection: close or an upgrade, any page that is not public) hands the connection, with
// the bytes already read, to Node's HTTP server, which keeps it from then on: the narrow case that is ours
// is checked strictly, and Node's own parser decides everything else.
import type { Server as HttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import type { MemoryAnswer, PublicCache, Variant } from '../routes/public-cache';

export interface FrontDoorOptions {
  cache: PublicCache;
  /** The app behind the cache (cache.wrap(app.fetch)): asked when a public response is not in memory. */
  fetch(request: Request): Response | Promise<Response>;
  /** Node's HTTP server, which never listens itself: it gets every connection this door hands over. */
  http: HttpServer;
}

export interface FrontDoor {
  server: Server;
  /** Stops listening and ends every open connection at once, ours and those handed to Node's server. */
  close(): Promise<void>;
  /** Requests answered here, and connections handed to Node's server. */
  stats: { answered: number; handedOver: number };
}

/** A head longer than this goes to Node, which answers 431 above its own limit. */
const MAX_HEAD_BYTES = 8192;
const REQUEST_LINE = /^(GET|HEAD) (\/[\x21-\x7e]*) HTTP\/1\.1$/;
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*([\t\x20-\x7e]*?)[ \t]*$/;
/** Headers that make a request Node's to answer: a body, an upgrade, a wish to close, credentials. */
const NOT_OURS = new Set(['content-length', 'transfer-encoding', 'expect', 'upgrade', 'authorization']);

export interface RequestHead {
  method: 'GET' | 'HEAD';
  target: string;
  host: string;
  ifNoneMatch: string | undefined;
  ifModifiedSince: string | undefined;
  acceptEncoding: string | undefined;
  /** Always absent: a request with credentials is Node's to answer (the cache's conditions name it). */
  authorization: undefined;
}

/**
 * The request in `chunk` when it is exactly one complete head of the kind this door answers, else undefined.
 * Strict on purpose: every character, line and header it does not expect sends the request to Node.
 */
export function readRequestHead(chunk: Buffer): RequestHead | undefined {
  if (chunk.length > MAX_HEAD_BYTES) return undefined;
  const text = chunk.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  if (end === -1 || end !== text.length - 4) return undefined; // incomplete, or more than one request
  const lines = text.slice(0, end).split('\r\n');
  const request = REQUEST_LINE.exec(lines[0]!);
  if (!request) return undefined;
  const head: RequestHead = {
    method: request[1] as 'GET' | 'HEAD',
    target: request[2]!,
    host: '',
    ifNoneMatch: undefined,
    ifModifiedSince: undefined,
    acceptEncoding: undefined,
    authorization: undefined,
  };
  let host: string | undefined;
  const seen = new Set<string>();
  for (let n = 1; n < lines.length; n++) {
    const header = HEADER_LINE.exec(lines[n]!);
    if (!header) return undefined;
    const name = header[1]!.toLowerCase();
    const value = header[2]!;
    if (NOT_OURS.has(name)) return undefined;
    if (name === 'connection' && value.toLowerCase() !== 'keep-alive') return undefined;
    if (
      name === 'host' ||
      name === 'if-none-match' ||
      name === 'if-modified-since' ||
      name === 'accept-encoding'
    ) {
      if (seen.has(name)) return undefined;
      seen.add(name);
      if (name === 'host') host = value;
      else if (name === 'if-none-match') head.ifNoneMatch = value;
      else if (name === 'if-modified-since') head.ifModifiedSince = value;
      else head.acceptEncoding = value;
    }
  }
  if (!host) return undefined; // HTTP/1.1 requires it; Node answers 400
  head.host = host;
  return head;
}

/** The status line and headers of an answer from memory, as HTTP/1.1 sends them (less Date), made once. */
const wireHeads = new WeakMap<Variant, { ok?: Buffer; notModified?: Buffer }>();
function wireHead({ status, variant }: MemoryAnswer): Buffer {
  let heads = wireHeads.get(variant);
  if (!heads) wireHeads.set(variant, (heads = {}));
  const key = status === 304 ? 'notModified' : 'ok';
  let head = heads[key];
  if (!head) {
    const headers = status === 304 ? variant.rawHeaders : variant.rawHeadersWithLength;
    let text = `HTTP/1.1 ${status} ${status === 304 ? 'Not Modified' : 'OK'}\r\n`;
    for (let n = 0; n < headers.length; n += 2) text += `${headers[n]}: ${headers[n + 1]}\r\n`;
    head = heads[key] = Buffer.from(text, 'latin1');
  }
  return head;
}

export function createFrontDoor({ cache, fetch, http }: FrontDoorOptions): FrontDoor {
  const sockets = new Set<Socket>();
  const stats = { answered: 0, handedOver: 0 };
  let closing = false;
  // Node's server tracks its connections (for headersTimeout, requestTimeout and closeAllConnections) from
  // the moment it is told it listens; it listens through this door.
  http.emit('listening');

  let dateSecond = -1;
  let dateLines = Buffer.alloc(0);
  /** Date and keep-alive lines end every answer, as Node's server would write them. */
  const closingLines = () => {
    const now = Date.now();
    const second = Math.floor(now / 1000);
    if (second !== dateSecond) {
      dateSecond = second;
      dateLines = Buffer.from(
        `Date: ${new Date(second * 1000).toUTCString()}\r\nConnection: keep-alive\r\nKeep-Alive: timeout=${Math.round(http.keepAliveTimeout / 1000)}\r\n\r\n`,
        'latin1',
      );
    }
    return dateLines;
  };

  const connection = (socket: Socket) => {
    if (closing) return socket.destroy();
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.setTimeout(http.keepAliveTimeout);

    const onTimeout = () => socket.destroy();
    const onError = () => socket.destroy();
    const onClose = () => sockets.delete(socket);
    const handOver = (chunk: Buffer) => {
      socket.removeListener('data', onData);
      socket.removeListener('timeout', onTimeout);
      socket.removeListener('error', onError);
      socket.removeListener('close', onClose);
      socket.setTimeout(0);
      sockets.delete(socket);
      stats.handedOver++;
      // Node's server reads what this door already read first, then the socket (as httpolyglot does it).
      socket.pause();
      socket.unshift(chunk);
      http.emit('connection', socket);
      socket.resume();
    };
    const write = (head: RequestHead, answer: MemoryAnswer) => {
      stats.answered++;
      socket.cork();
      socket.write(wireHead(answer));
      socket.write(closingLines());
      if (head.method === 'GET' && answer.status !== 304) socket.write(answer.variant.body);
      socket.uncork();
    };
    const fill = async (chunk: Buffer, head: RequestHead) => {
      try {
        const headers: Record<string, string> = {};
        if (head.acceptEncoding !== undefined) headers['accept-encoding'] = head.acceptEncoding;
        const response = await fetch(new Request(`http://${head.host}${head.target}`, { headers }));
        await response.body?.cancel();
      } catch {
        // an address Request cannot read, or the app failed: Node's server answers (and logs) it
      }
      if (socket.destroyed) return;
      const answer = cache.lookup(head.method, head.target, head);
      if (typeof answer === 'string') return handOver(chunk); // not kept (a 404, say): Node answers it
      write(head, answer);
      socket.resume();
    };
    function onData(chunk: Buffer) {
      const head = readRequestHead(chunk);
      if (!head) return handOver(chunk);
      const answer = cache.lookup(head.method, head.target, head);
      if (answer === 'pass') return handOver(chunk);
      if (answer !== 'fill') return write(head, answer);
      // While the app renders, whatever the client sends next waits in the socket, in order.
      socket.pause();
      void fill(chunk, head);
    }
    socket.on('data', onData);
    socket.on('timeout', onTimeout);
    socket.on('error', onError);
    socket.on('close', onClose);
  };

  const server = createServer(connection);
  return {
    server,
    stats,
    close() {
      closing = true;
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        http.closeAllConnections();
        // Stops its connection checks; it never listened itself, so it reports that, harmlessly.
        http.close(() => {});
      });
    },
  };
}
