import { createServer, Socket } from 'node:net';

/** How a stopped proxy treats connections: reset them at once, or accept them and never answer (a black hole). */
export type ProxyOutage = 'refuse' | 'stall';

/** A TCP proxy on 127.0.0.1 in front of one server, whose forwarding a test can stop and restart. */
export interface TcpProxy {
  readonly port: number;
  /** Cuts every open connection and treats new ones as `outage` says, until {@link TcpProxy.resume}. */
  stop(outage: ProxyOutage): void;
  /** Forwards again; connections held by a stall are cut, so that their clients reconnect. */
  resume(): void;
  close(): Promise<void>;
}

/** Starts a proxy forwarding to `target`; it keeps its port while stopped, so clients see the outage, not a new address. */
export async function startTcpProxy(target: { readonly host: string; readonly port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let outage: ProxyOutage | undefined;
  const track = (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const cutAll = () => {
    for (const socket of open) socket.destroy();
  };
  const server = createServer((client) => {
    track(client);
    if (outage === 'refuse') return void client.resetAndDestroy();
    if (outage === 'stall') return;
    client.pause();
    const upstream = new Socket();
    track(upstream);
    upstream.connect(target.port, target.host, () => {
      client.pipe(upstream).pipe(client);
      client.resume();
    });
    upstream.once('close', () => client.destroy());
    client.once('close', () => upstream.destroy());
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy is not bound to a TCP port');
  return {
    port: address.port,
    stop(kind) {
      outage = kind;
      cutAll();
    },
    resume() {
      outage = undefined;
      cutAll();
    },
    close: () =>
      new Promise<void>((closed) => {
        cutAll();
        server.close(() => closed());
      }),
  };
}
