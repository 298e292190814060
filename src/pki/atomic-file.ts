import { randomBytes } from 'node:crypto';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function writeTemporary(path: string, content: string, mode: number): Promise<string> {
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, content, { mode, flag: 'wx' });
  return temporary;
}

/** Creates `path` with the whole content at once, unless it exists already (hard link of a temporary file). */
async function publishIfAbsent(path: string, content: string, mode: number): Promise<void> {
  const temporary = await writeTemporary(path, content, mode);
  try {
    await link(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temporary);
  }
}

/** Replaces `path` atomically (rename of a temporary file). */
async function replaceFile(path: string, content: string, mode: number): Promise<void> {
  const temporary = await writeTemporary(path, content, mode);
  try {
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary);
    throw error;
  }
}

/** How {@link ensureFile} tells a usable file and makes a new one. */
export interface FileRecipe {
  readonly mode: number;
  isValid(content: string): Promise<boolean> | boolean;
  create(): Promise<string>;
}

const ATTEMPTS = 3;

/**
 * Returns the content of `path` when the recipe finds it valid; otherwise creates it and returns what is then on
 * disk. Safe when several processes start at once: a missing file is published with link (the first writer wins and
 * the others read the winner's file), an invalid one is replaced by rename, and readers never see a partial file.
 */
export async function ensureFile(path: string, recipe: FileRecipe): Promise<string> {
  for (let attempt = 0; ; attempt += 1) {
    const current = await readIfPresent(path);
    if (current !== undefined && (await recipe.isValid(current))) return current;
    if (attempt === ATTEMPTS) throw new Error(`Could not create a valid ${path}`);
    const created = await recipe.create();
    if (current === undefined) await publishIfAbsent(path, created, recipe.mode);
    else await replaceFile(path, created, recipe.mode);
  }
}
