import { connect } from 'node:tls';
import { clientSecureContext, formRequestBytes } from './raw-request.mjs';

const TIMEOUT_MS = 10_000;
const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * A lean HTTP/1.1 keep-alive client for the open-loop load generator: mutual-TLS sockets (the TPP certificate of the
 * load settings) that each carry one request at a time, the same pre-built `POST` of `body` on every one. An open-loop
 * loader's own pauses count in the latencies it measures; undici allocates a few kilobytes per request (request, header
 * and stream objects), and its garbage collections stalled the loader for 3–20 ms at 10 000 req/s, so this client
 * allocates almost nothing per request beyond the received chunk. `send(done)` runs the request on an idle connection,
 * on a new one while fewer than `maxConnections` are open, or else as soon as one frees up, and calls `done(status)`
 * once the whole answer (sized by its `content-length`) is in: status 0 after a socket error, a malformed answer or
 * 10 s without one (`done` then also gets `'error'` or `'timeout'`).
 */
export function rawMutualTlsPool(settings, maxConnections, body) {
  const target = new URL(settings.url);
  const secureContext = clientSecureContext(settings);
  const request = formRequestBytes(settings, target, body);
  const idle = [];
  const waiting = [];
  const open = new Set();
  let closing = false;

  function connection() {
    const socket = connect({ host: target.hostname, port: Number(target.port), servername: settings.servername, secureContext });
    const state = { socket, done: undefined, sentAt: 0, received: undefined, ready: false };
    open.add(state);
    socket.setNoDelay(true);
    socket.once('secureConnect', () => {
      state.ready = true;
      if (state.done !== undefined) socket.write(request);
    });
    socket.on('data', (chunk) => receive(state, chunk));
    socket.once('error', () => undefined);
    socket.once('close', () => {
      open.delete(state);
      const index = idle.indexOf(state);
      if (index >= 0) idle.splice(index, 1);
      if (state.done !== undefined) settle(state, 0, 'error');
      if (!closing && waiting.length > 0) start(connection(), waiting.shift());
    });
    return state;
  }

  function start(state, done) {
    state.done = done;
    state.sentAt = performance.now();
    if (state.ready) state.socket.write(request);
  }

  /** The answer so far: complete once its head and `content-length` bytes of body are in. */
  function receive(state, chunk) {
    const data = state.received === undefined ? chunk : Buffer.concat([state.received, chunk]);
    const headEnd = data.indexOf(HEADER_END);
    if (headEnd < 0) {
      state.received = data;
      return;
    }
    const head = data.toString('latin1', 0, headEnd).toLowerCase();
    const lengthAt = head.indexOf('\r\ncontent-length:');
    const length = lengthAt < 0 ? NaN : Number.parseInt(head.slice(lengthAt + 17), 10);
    const status = Number(head.slice(9, 12));
    if (!head.startsWith('http/1.1 ') || !Number.isInteger(status) || !Number.isInteger(length)) {
      state.socket.destroy();
      return;
    }
    const total = headEnd + HEADER_END.length + length;
    if (data.length < total) {
      state.received = data;
      return;
    }
    state.received = undefined;
    if (data.length > total || head.includes('\r\nconnection: close')) {
      settle(state, status, 'ok');
      state.socket.destroy();
      return;
    }
    settle(state, status, 'ok');
    const next = waiting.shift();
    if (next !== undefined) start(state, next);
    else idle.push(state);
  }

  function settle(state, status, outcome) {
    const { done } = state;
    state.done = undefined;
    done?.(status, outcome);
  }

  const watchdog = setInterval(() => {
    const late = performance.now() - TIMEOUT_MS;
    for (const state of open) {
      if (state.done !== undefined && state.sentAt < late) {
        settle(state, 0, 'timeout');
        state.socket.destroy();
      }
    }
  }, 1_000);

  return {
    send(done) {
      if (closing) return done(0, 'error');
      const free = idle.pop();
      if (free !== undefined) return start(free, done);
      if (open.size < maxConnections) return start(connection(), done);
      waiting.push(done);
    },
    /** Most connections open at once so far is at most `maxConnections`; this is how many are open now. */
    get connections() {
      return open.size;
    },
    async close() {
      closing = true;
      clearInterval(watchdog);
      for (const done of waiting.splice(0)) done(0, 'error');
      for (const state of open) state.socket.destroy();
    },
  };
}
