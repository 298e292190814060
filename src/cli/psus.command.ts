import { Command } from 'commander';
import { knownUsernamesOf, lockoutKey } from '../authorization/psu-lockout.js';
import type { PsuLockoutRecord } from '../storage/ports.js';
import type { ConfigLoader } from './cli-context.js';
import { withStorage } from './cli-storage.js';

const line = (lock: PsuLockoutRecord) => [lock.username, lock.lockedUntil.toISOString(), `next lock ${lock.nextLockSeconds} s`].join('\t');

/**
 * `obas psus …`: an operator's view of the per-PSU sign-in lockout (`psuLockout`), shared by every process on the
 * database: list the usernames locked out now, lift one's lock.
 */
export function psusCommand(loadConfig: ConfigLoader): Command {
  const command = new Command('psus').description('PSU sign-in lockouts (too many failed passwords or one-time codes)');
  command
    .command('lockouts')
    .description('list the usernames locked out now: username (unknown ones as unknown:<SHA-256>), locked until, length of the next lock')
    .action(() =>
      withStorage(loadConfig, async (storage) => {
        for (const lock of await storage.psuLockouts.listLocked(new Date())) process.stdout.write(`${line(lock)}\n`);
      }),
    );
  command
    .command('unlock <username>')
    .description("lift a username's lockout and forget its failed sign-ins and back-off (the username as typed at sign-in)")
    .action((username: string) =>
      withStorage(loadConfig, async (storage, config) => {
        const key = lockoutKey(username, knownUsernamesOf(config.sandbox.psus));
        const cleared = await storage.psuLockouts.clear(key);
        process.stdout.write(cleared ? `unlocked ${key}\n` : `no failed sign-ins recorded for ${key}\n`);
      }),
    );
  return command;
}
