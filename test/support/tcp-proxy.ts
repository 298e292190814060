import { createServer, Socket } from 'node:net';

/**
 * How a stopped proxy treats connections: `refuse` resets open and new ones at once; `stall` cuts open ones and accepts
 * new ones without ever answering (a black hole); `freeze` stops forwarding on open ones, which stay open, and accepts
 * new ones without answering (a server that hangs, or a pooler whose backend died).
 */
export type ProxyOutage = 'refuse' | 'stall' | 'freeze';

/** What becomes of the connections a `freeze` held when forwarding resumes. */
export type FrozenFate = 'continue' | 'stay-silent';

/** A TCP proxy on 127.0.0.1 in front of one server, whose forwarding a test can stop and restart. */
export interface TcpProxy {
  readonly port: number;
  /** Treats open and new connections as `outage` says, until {@link TcpProxy.resume}. */
  stop(outage: ProxyOutage): void;
  /**
   * Forwards new connections again. Connections accepted during the outage are cut, so that their clients reconnect;
   * connections a `freeze` held carry on where they stopped, with what was sent meanwhile (`continue`, the default:
   * a server that hung and came back), or stay open and silent for good (`stay-silent`: a pooler whose backend died).
   */
  resume(frozen?: FrozenFate): void;
  close(): Promise<void>;
}

/** A forwarded connection: the client's socket and the server's. */
interface Pair {
  readonly client: Socket;
  readonly upstream: Socket;
}

const forward = ({ client, upstream }: Pair) => client.pipe(upstream).pipe(client);

function hold({ client, upstream }: Pair): void {
  client.unpipe(upstream);
  upstream.unpipe(client);
  client.pause();
  upstream.pause();
}

/** Starts a proxy forwarding to `target`; it keeps its port while stopped, so clients see the outage, not a new address. */
export async function startTcpProxy(target: { readonly host: string; readonly port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  const pairs = new Set<Pair>();
  let outage: ProxyOutage | undefined;
  const track = (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const cutAll = () => {
    for (const socket of open) socket.destroy();
  };
  const cutUnpaired = () => {
    const paired = new Set([...pairs].flatMap(({ client, upstream }) => [client, upstream]));
    for (const socket of open) if (!paired.has(socket)) socket.destroy();
  };
  const server = createServer((client) => {
    track(client);
    if (outage === 'refuse') return void client.resetAndDestroy();
    if (outage !== undefined) return;
    client.pause();
    const upstream = new Socket();
    track(upstream);
    const pair = { client, upstream };
    upstream.connect(target.port, target.host, () => {
      pairs.add(pair);
      if (outage === undefined) forward(pair);
    });
    upstream.once('close', () => client.destroy());
    client.once('close', () => {
      pairs.delete(pair);
      upstream.destroy();
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy is not bound to a TCP port');
  return {
    port: address.port,
    stop(kind) {
      outage = kind;
      if (kind === 'freeze') pairs.forEach(hold);
      else cutAll();
    },
    resume(frozen = 'continue') {
      const wasFrozen = outage === 'freeze';
      outage = undefined;
      if (!wasFrozen) return cutAll();
      cutUnpaired();
      if (frozen === 'continue') pairs.forEach(forward);
      else pairs.clear();
    },
    close: () =>
      new Promise<void>((closed) => {
        cutAll();
        server.close(() => closed());
      }),
  };
}
