import cluster from 'node:cluster';
import { hkdfSync, randomBytes } from 'node:crypto';
import type { Server } from 'node:tls';
import { isRecord } from '../shared/is-record.js';

/**
 * How long a TLS session may be resumed: the TLS 1.3 ticket lifetime (RFC 8446 §4.6.1, at most 7 days) and the TLS 1.2
 * session / ticket lifetime hint (RFC 5077 §3.3). Short enough that a stolen session state is worth little, long
 * enough that a TPP calling every few minutes resumes.
 */
export const TLS_SESSION_LIFETIME_SECONDS = 3_600;

/**
 * How often the secret that encrypts session tickets is replaced (RFC 5077 §5.5, RFC 8446 §8: rotate ticket keys for
 * forward secrecy). Node keeps one ticket key per server, so a ticket issued before a rotation is not resumed after
 * it: that client makes one full handshake and gets a new ticket.
 */
export const TICKET_SECRET_ROTATION_MS = 12 * 3_600 * 1_000;

const SECRET_MESSAGE = 'obas:tls-ticket-secret';
const SECRET_BYTES = 32;

/** The IPC message with which the primary of `obas start --workers N` hands its ticket secret to a worker. */
export interface TicketSecretMessage {
  readonly type: typeof SECRET_MESSAGE;
  /** base64 (the cluster IPC channel carries JSON). */
  readonly secret: string;
}

/**
 * The 48 bytes of Node's `ticketKeys` (16 name, 16 HMAC, 16 AES) for one listener, derived from the process's ticket
 * secret with HKDF (RFC 5869): each listener has its own keys, so a ticket of one is not even decrypted by the other.
 */
export function ticketKeysFor(secret: Buffer, listener: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `obas tls session tickets: ${listener}`, 48));
}

type Follower = (secret: Buffer) => void;

/**
 * The ticket secret of this process and the listeners following it. It is process state on purpose: it models the
 * process's one IPC channel to its primary. A process on its own (no primary) rotates its secret itself; a worker
 * takes the secret its primary sends (see {@link distributeTicketSecrets}), so that every worker resumes the sessions
 * of the others. (node:cluster itself gives a worker's TLS server the ticket keys of the first worker that listened,
 * once, at `listen`; the primary's secret keeps the workers equal across rotations and replacements.) The secret lives
 * in memory only: never on disk, never in the environment.
 */
const processSecret = {
  current: randomBytes(SECRET_BYTES) as Buffer,
  followers: new Set<Follower>(),
  stopFollowing: undefined as (() => void) | undefined,
};

function publish(secret: Buffer): void {
  processSecret.current = secret;
  for (const follow of processSecret.followers) follow(secret);
}

function secretOf(message: unknown): Buffer | undefined {
  if (!isRecord(message) || message['type'] !== SECRET_MESSAGE || typeof message['secret'] !== 'string') return undefined;
  const secret = Buffer.from(message['secret'], 'base64');
  return secret.length === SECRET_BYTES ? secret : undefined;
}

function startFollowing(): () => void {
  if (cluster.isWorker) {
    const onMessage = (message: unknown): void => {
      const secret = secretOf(message);
      if (secret !== undefined) publish(secret);
    };
    process.on('message', onMessage);
    return () => process.off('message', onMessage);
  }
  const timer = setInterval(() => publish(randomBytes(SECRET_BYTES)), TICKET_SECRET_ROTATION_MS).unref();
  return () => clearInterval(timer);
}

/**
 * Makes a TLS server issue and accept session tickets under the process's ticket secret (RFC 8446 §4.6.1 tickets,
 * RFC 5077 for TLS 1.2), now and after every rotation, until the server closes.
 */
export function shareTicketKeys(server: Server, listener: string): void {
  const follow: Follower = (secret) => server.setTicketKeys(ticketKeysFor(secret, listener));
  follow(processSecret.current);
  processSecret.followers.add(follow);
  processSecret.stopFollowing ??= startFollowing();
  server.once('close', () => {
    processSecret.followers.delete(follow);
    if (processSecret.followers.size > 0) return;
    processSecret.stopFollowing?.();
    processSecret.stopFollowing = undefined;
  });
}

/** The primary's side of {@link shareTicketKeys}: one ticket secret for every worker, replaced on a schedule. */
export interface TicketSecretDistributor {
  /** The message that gives a worker the current secret (send it to each worker once it serves). */
  message(): TicketSecretMessage;
  stop(): void;
}

/**
 * Generates the ticket secret of a pool of workers and a new one every `rotationMs`, handing each new one to
 * `broadcast` (which sends it to every connected worker over IPC).
 */
export function distributeTicketSecrets(
  broadcast: (message: TicketSecretMessage) => void,
  rotationMs: number = TICKET_SECRET_ROTATION_MS,
): TicketSecretDistributor {
  let secret = randomBytes(SECRET_BYTES);
  const message = (): TicketSecretMessage => ({ type: SECRET_MESSAGE, secret: secret.toString('base64') });
  const timer = setInterval(() => {
    secret = randomBytes(SECRET_BYTES);
    broadcast(message());
  }, rotationMs).unref();
  return { message, stop: () => clearInterval(timer) };
}
