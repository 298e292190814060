import { isSecretHash } from '../client-auth/secret-hash.js';
import type { SandboxAccount, SandboxPsu } from '../consent/sandbox-psu.js';
import type { SandboxConfig } from './config.types.js';
import { childPath, type ConfigChecker } from './config-checker.js';
import { DEFAULT_SANDBOX_PSUS } from './sandbox-psus.defaults.js';

const PSU_KEYS = ['username', 'passwordHash', 'subject', 'name', 'accounts'];
const ACCOUNT_KEYS = ['id', 'name', 'identification', 'currency'];
const IDENTIFIER = /^[A-Za-z0-9._@~-]{1,64}$/;
const MAX_ACCOUNTS = 20;

/**
 * `sandbox.psus`: the PSUs who can log in on the PSU pages, each with a scrypt password hash and the accounts offered
 * on the consent page. Without the key, the built-in sandbox PSUs are used while the dev CA is trusted (a development
 * set-up) and nobody otherwise. Usernames, subjects and account ids must be unique.
 */
export function readSandbox(checker: ConfigChecker, raw: unknown, trustDevCa: boolean): SandboxConfig {
  if (raw === undefined) return { psus: trustDevCa ? DEFAULT_SANDBOX_PSUS : [] };
  const section = checker.object(raw, 'sandbox', ['psus']);
  if (section === undefined || section['psus'] === undefined) return { psus: trustDevCa ? DEFAULT_SANDBOX_PSUS : [] };
  const psus = checker.list(section['psus'], 'sandbox.psus', (item, path) => readPsu(checker, item, path)) ?? [];
  const unique = (values: string[], what: string) => {
    const seen = new Set<string>();
    for (const value of values) {
      if (seen.has(value)) checker.fail('sandbox.psus', value, `${what} used once only`);
      seen.add(value);
    }
  };
  unique(psus.map((psu) => psu.username), 'each username');
  unique(psus.map((psu) => psu.subject), 'each subject');
  unique(psus.flatMap((psu) => psu.accounts.map((account) => account.id)), 'each account id');
  return { psus };
}

function readPsu(checker: ConfigChecker, raw: unknown, path: string): SandboxPsu | undefined {
  const entry = checker.object(raw, path, PSU_KEYS);
  if (entry === undefined) return undefined;
  const at = (key: string) => childPath(path, key);
  const username = identifier(checker, entry['username'], at('username'));
  const passwordHash = entry['passwordHash'];
  if (typeof passwordHash !== 'string' || !isSecretHash(passwordHash)) {
    checker.fail(at('passwordHash'), passwordHash === undefined ? undefined : '***', 'the output of `obas clients hash-secret --stdin` (scrypt$…)');
  }
  const subject = entry['subject'] === undefined ? username : identifier(checker, entry['subject'], at('subject'));
  const name = checker.string(entry['name'], at('name'), 128);
  const accounts = readAccounts(checker, entry['accounts'], at('accounts'));
  if (username === undefined || subject === undefined || name === undefined || accounts === undefined) return undefined;
  if (typeof passwordHash !== 'string' || !isSecretHash(passwordHash)) return undefined;
  return { username, passwordHash, subject, name, accounts };
}

function readAccounts(checker: ConfigChecker, raw: unknown, path: string): SandboxAccount[] | undefined {
  const accounts = checker.list(raw, path, (item, itemPath) => readAccount(checker, item, itemPath));
  if (accounts === undefined) return undefined;
  if (accounts.length === 0 || accounts.length > MAX_ACCOUNTS) {
    return checker.fail(path, raw, `a list of 1–${MAX_ACCOUNTS} accounts`);
  }
  return accounts;
}

function readAccount(checker: ConfigChecker, raw: unknown, path: string): SandboxAccount | undefined {
  const entry = checker.object(raw, path, ACCOUNT_KEYS);
  if (entry === undefined) return undefined;
  const id = identifier(checker, entry['id'], childPath(path, 'id'));
  const name = checker.string(entry['name'], childPath(path, 'name'), 128);
  const identification = checker.string(entry['identification'], childPath(path, 'identification'), 64);
  const currency =
    typeof entry['currency'] === 'string' && /^[A-Z]{3}$/.test(entry['currency'])
      ? entry['currency']
      : checker.fail(childPath(path, 'currency'), entry['currency'], 'an ISO 4217 code such as EUR or GBP');
  if (id === undefined || name === undefined || identification === undefined || currency === undefined) return undefined;
  return { id, name, identification, currency };
}

function identifier(checker: ConfigChecker, value: unknown, path: string): string | undefined {
  if (typeof value === 'string' && IDENTIFIER.test(value)) return value;
  return checker.fail(path, value, '1–64 characters of A-Z a-z 0-9 . _ @ ~ -');
}
