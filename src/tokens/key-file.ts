import { randomUUID } from 'node:crypto';
import { link, mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { JWK } from 'jose';
import type { SigningAlg } from '../protocol/signing-algorithms.js';

/** What is known about a stored signing key without touching its private material. */
export interface KeyDescription {
  readonly kid: string;
  readonly alg: SigningAlg;
  /** 1 for the first key of an alg, +1 per rotation; the file name carries it, so each generation is created once. */
  readonly generation: number;
  readonly createdAt: Date;
  readonly retiredAt?: Date;
}

/** One key file `<dataDir>/keys/<alg>-<generation>.json`: metadata plus the private JWK (RFC 7517 §4). */
export interface KeyRecord extends KeyDescription {
  readonly fileName: string;
  readonly privateJwk: JWK;
}

const KEY_FILE_NAME = /^(PS256|ES256)-(\d{6,})\.json$/;
const FILE_MODE = 0o600;
const DIRECTORY_MODE = 0o700;

/** The directory holding the key files of a data directory. */
export function keysDirectory(dataDir: string): string {
  return join(dataDir, 'keys');
}

/** Name of the file of generation `generation` of `alg`, e.g. `PS256-000002.json`. */
export function keyFileName(alg: SigningAlg, generation: number): string {
  return `${alg}-${String(generation).padStart(6, '0')}.json`;
}

/** Creates the keys directory (mode 0700) if it does not exist. */
export async function ensureKeysDirectory(directory: string): Promise<void> {
  await mkdir(directory, { recursive: true, mode: DIRECTORY_MODE });
}

/** Reads and parses every key file of `directory`; a missing directory holds no keys. Throws on a malformed file. */
export async function readKeyRecords(directory: string): Promise<KeyRecord[]> {
  const names = await readdir(directory).catch((error: unknown) => (isCode(error, 'ENOENT') ? [] : Promise.reject(error)));
  const records = await Promise.all(
    names
      .filter((name) => KEY_FILE_NAME.test(name))
      .map(async (name) => {
        const text = await readFile(join(directory, name), 'utf8').catch((error: unknown) =>
          isCode(error, 'ENOENT') ? undefined : Promise.reject(error),
        );
        return text === undefined ? undefined : parseKeyFile(name, text);
      }),
  );
  return records.filter((record) => record !== undefined);
}

/**
 * Writes a new key file without ever exposing a partial file: the content goes to a private temporary file, which
 * is then hard-linked to its final name. The link fails if the name exists, so when several processes create the
 * same generation exactly one wins. Returns false when another process won.
 */
export async function createKeyFile(directory: string, record: KeyRecord): Promise<boolean> {
  const temporary = await writeTemporary(directory, record);
  try {
    await link(temporary, join(directory, record.fileName));
    return true;
  } catch (error) {
    if (isCode(error, 'EEXIST')) return false;
    throw error;
  } finally {
    await rm(temporary, { force: true });
  }
}

/** Atomically replaces an existing key file (temporary file + rename), e.g. to record `retiredAt`. */
export async function replaceKeyFile(directory: string, record: KeyRecord): Promise<void> {
  const temporary = await writeTemporary(directory, record);
  try {
    await rename(temporary, join(directory, record.fileName));
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Deletes a key file; deleting one that is already gone is not an error. */
export async function removeKeyFile(directory: string, fileName: string): Promise<void> {
  await rm(join(directory, fileName), { force: true });
}

async function writeTemporary(directory: string, record: KeyRecord): Promise<string> {
  const temporary = join(directory, `.${record.fileName}.${process.pid}.${randomUUID()}.tmp`);
  const handle = await open(temporary, 'wx', FILE_MODE);
  try {
    await handle.writeFile(serialize(record), 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  return temporary;
}

function serialize(record: KeyRecord): string {
  const content = {
    kid: record.kid,
    alg: record.alg,
    createdAt: record.createdAt.toISOString(),
    ...(record.retiredAt === undefined ? {} : { retiredAt: record.retiredAt.toISOString() }),
    privateJwk: record.privateJwk,
  };
  return `${JSON.stringify(content, null, 2)}\n`;
}

function parseKeyFile(fileName: string, text: string): KeyRecord {
  const [, alg, generation] = KEY_FILE_NAME.exec(fileName) ?? [];
  const content: unknown = JSON.parse(text);
  if (typeof content !== 'object' || content === null) throw new Error(`${fileName}: not a JSON object`);
  const { kid, createdAt, retiredAt, privateJwk } = content as Record<string, unknown>;
  if ((content as Record<string, unknown>)['alg'] !== alg || generation === undefined) {
    throw new Error(`${fileName}: alg does not match the file name`);
  }
  if (typeof kid !== 'string' || kid === '') throw new Error(`${fileName}: missing kid`);
  if (typeof privateJwk !== 'object' || privateJwk === null) throw new Error(`${fileName}: missing privateJwk`);
  const record = {
    fileName,
    kid,
    alg: alg as SigningAlg,
    generation: Number(generation),
    createdAt: parseInstant(createdAt, fileName, 'createdAt'),
    privateJwk: privateJwk as JWK,
  };
  return retiredAt === undefined ? record : { ...record, retiredAt: parseInstant(retiredAt, fileName, 'retiredAt') };
}

function parseInstant(value: unknown, fileName: string, member: string): Date {
  const instant = typeof value === 'string' ? new Date(value) : undefined;
  if (instant === undefined || Number.isNaN(instant.getTime())) throw new Error(`${fileName}: bad ${member}`);
  return instant;
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
