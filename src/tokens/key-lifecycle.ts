import type { SigningAlg } from '../protocol/signing-algorithms.js';
import {
  createKeyFile,
  ensureKeysDirectory,
  keyFileName,
  keysDirectory,
  readKeyRecords,
  removeKeyFile,
  replaceKeyFile,
  type KeyDescription,
  type KeyRecord,
} from './key-file.js';
import { generateKeyMaterial } from './key-material.js';
import { SIGNING_ALGS } from '../protocol/signing-algorithms.js';

/** Every JWS alg obas signs with, each backed by its own key (FAPI 1.0 Advanced §8.6, FAPI 2.0 SP §5.4). */

/** Options of {@link rotateKeys}. */
export interface RotateKeysOptions {
  readonly dataDir: string;
  readonly now: Date;
  /** How long a retired key stays in the JWKS: at least the longest lifetime of a token it signed. */
  readonly retiredKeyPublishSeconds: number;
  readonly algs?: readonly SigningAlg[];
}

/** What a rotation did: keys created, keys retired at `now`, and key files removed because their window passed. */
export interface RotationResult {
  readonly created: readonly KeyDescription[];
  readonly retired: readonly KeyDescription[];
  readonly pruned: readonly KeyDescription[];
}

/** The key of `alg` that signs: the newest generation not retired. */
export function newestActive<T extends KeyDescription>(keys: readonly T[], alg: SigningAlg): T | undefined {
  let newest: T | undefined;
  for (const key of keys) {
    if (key.alg === alg && key.retiredAt === undefined && (newest === undefined || key.generation > newest.generation)) {
      newest = key;
    }
  }
  return newest;
}

/** The instant a retired key leaves the JWKS; undefined while the key is active. */
export function publishedUntil(key: { readonly retiredAt?: Date }, retiredKeyPublishSeconds: number): Date | undefined {
  return key.retiredAt === undefined ? undefined : new Date(key.retiredAt.getTime() + retiredKeyPublishSeconds * 1000);
}

/** Whether a key belongs in the JWKS (RFC 7517 §5) at `now`: active, or retired less than the window ago. */
export function isPublished(key: { readonly retiredAt?: Date }, retiredKeyPublishSeconds: number, now: Date): boolean {
  const until = publishedUntil(key, retiredKeyPublishSeconds);
  return until === undefined || until.getTime() > now.getTime();
}

/**
 * Reads the key files of `dataDir`, first creating a key for every alg that has no active one (the initial RSA-2048
 * and P-256 keys on first start). Safe when several processes do this at once: they all end with the same keys.
 */
export async function ensureActiveKeys(dataDir: string, now: Date): Promise<KeyRecord[]> {
  const directory = keysDirectory(dataDir);
  await ensureKeysDirectory(directory);
  const records = await readKeyRecords(directory);
  const missing = SIGNING_ALGS.filter((alg) => newestActive(records, alg) === undefined);
  if (missing.length === 0) return records;
  await Promise.all(missing.map((alg) => createGeneration(directory, alg, nextGeneration(records, alg), now)));
  return readKeyRecords(directory);
}

/** Every stored key without private material, by alg then newest first; an absent directory lists nothing. */
export async function listKeys(dataDir: string): Promise<KeyDescription[]> {
  return sortKeys(await readKeyRecords(keysDirectory(dataDir))).map(describe);
}

/**
 * `obas keys rotate`: creates a new key per alg, retires the previously active one at `now` (it stops signing but
 * stays published for `retiredKeyPublishSeconds`), and deletes key files whose publish window has passed. Two
 * rotations racing on one data directory create one new generation, which both report.
 */
export async function rotateKeys(options: RotateKeysOptions): Promise<RotationResult> {
  const { dataDir, now, retiredKeyPublishSeconds, algs = SIGNING_ALGS } = options;
  if (!Number.isFinite(retiredKeyPublishSeconds) || retiredKeyPublishSeconds < 0) {
    throw new RangeError('retiredKeyPublishSeconds must be a non-negative number');
  }
  const directory = keysDirectory(dataDir);
  await ensureKeysDirectory(directory);
  const before = await readKeyRecords(directory);
  const targets = algs.map((alg) => ({ alg, generation: nextGeneration(before, alg) }));
  await Promise.all(targets.map(({ alg, generation }) => createGeneration(directory, alg, generation, now)));

  const after = await readKeyRecords(directory);
  const created = targets.map(({ alg, generation }) => {
    const record = after.find((candidate) => candidate.alg === alg && candidate.generation === generation);
    if (record === undefined) throw new Error(`${keyFileName(alg, generation)} vanished while rotating`);
    return record;
  });
  const retired = after
    .filter((record) => record.retiredAt === undefined && created.some((key) => supersedes(key, record)))
    .map((record) => ({ ...record, retiredAt: now }));
  await Promise.all(retired.map((record) => replaceKeyFile(directory, record)));

  const current = after.map((record) => retired.find((key) => key.fileName === record.fileName) ?? record);
  const pruned = current.filter((record) => !isPublished(record, retiredKeyPublishSeconds, now));
  await Promise.all(pruned.map((record) => removeKeyFile(directory, record.fileName)));
  return { created: created.map(describe), retired: sortKeys(retired).map(describe), pruned: sortKeys(pruned).map(describe) };
}

function supersedes(newer: KeyDescription, older: KeyDescription): boolean {
  return newer.alg === older.alg && newer.generation > older.generation;
}

function nextGeneration(records: readonly KeyDescription[], alg: SigningAlg): number {
  return records.reduce((highest, record) => (record.alg === alg ? Math.max(highest, record.generation) : highest), 0) + 1;
}

async function createGeneration(directory: string, alg: SigningAlg, generation: number, now: Date): Promise<void> {
  const { kid, privateJwk } = await generateKeyMaterial(alg);
  await createKeyFile(directory, { fileName: keyFileName(alg, generation), kid, alg, generation, createdAt: now, privateJwk });
}

/** Keys ordered by alg (PS256 first), then newest generation first: the order of the JWKS and of `obas keys list`. */
export function sortKeys<T extends KeyDescription>(keys: readonly T[]): T[] {
  return [...keys].sort(
    (left, right) => SIGNING_ALGS.indexOf(left.alg) - SIGNING_ALGS.indexOf(right.alg) || right.generation - left.generation,
  );
}

function describe(key: KeyDescription): KeyDescription {
  const { kid, alg, generation, createdAt, retiredAt } = key;
  return retiredAt === undefined ? { kid, alg, generation, createdAt } : { kid, alg, generation, createdAt, retiredAt };
}
