import { Command } from 'commander';
import type { KeyDescription } from '../tokens/key-file.js';
import { listKeys, publishedUntil, rotateKeys } from '../tokens/key-lifecycle.js';

/** The configuration slice the `keys` commands need. */
export interface KeyContext {
  readonly dataDir: string;
  /** How long a retired key stays in the JWKS after rotation. */
  readonly retiredKeyPublishSeconds: number;
}

/**
 * `obas keys list` and `obas keys rotate`: inspect and rotate the token signing keys in `<dataDir>/keys/`.
 * A running server notices a rotation on its next key reload; retired keys stay in the JWKS (RFC 7517 §5) for
 * `retiredKeyPublishSeconds` so tokens they signed keep verifying. `print` receives each output line.
 */
export function keysCommand(
  loadKeyContext: () => Promise<KeyContext>,
  print: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Command {
  const command = new Command('keys').description('token signing keys (PS256, ES256) in <dataDir>/keys');

  command
    .command('list')
    .description('list signing keys: kid, alg, created, retired, published until')
    .action(async () => {
      const { dataDir, retiredKeyPublishSeconds } = await loadKeyContext();
      const keys = await listKeys(dataDir);
      if (keys.length === 0) {
        print(`no signing keys in ${dataDir} yet; they are created on first start`);
        return;
      }
      const rows = keys.map((key) => [
        key.kid,
        key.alg,
        key.createdAt.toISOString(),
        key.retiredAt?.toISOString() ?? '-',
        publishedUntil(key, retiredKeyPublishSeconds)?.toISOString() ?? 'active',
      ]);
      for (const line of formatTable(['kid', 'alg', 'created', 'retired', 'published-until'], rows)) print(line);
    });

  command
    .command('rotate')
    .description('create a new key per alg; the previous ones stop signing and stay published for their window')
    .action(async () => {
      const { dataDir, retiredKeyPublishSeconds } = await loadKeyContext();
      const result = await rotateKeys({ dataDir, now: new Date(), retiredKeyPublishSeconds });
      for (const key of result.created) print(`new ${key.alg} key ${key.kid}`);
      for (const key of result.retired) print(`retired ${describeRetired(key, retiredKeyPublishSeconds)}`);
      for (const key of result.pruned) print(`removed ${key.alg} key ${key.kid} (publish window over)`);
      print('running servers switch to the new keys at their next key reload');
    });

  return command;
}

function describeRetired(key: KeyDescription, retiredKeyPublishSeconds: number): string {
  const until = publishedUntil(key, retiredKeyPublishSeconds)?.toISOString() ?? '-';
  return `${key.alg} key ${key.kid}, published until ${until}`;
}

function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  return [header, ...rows].map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}
