import type { SandboxPsu } from '../consent/sandbox-psu.js';

/**
 * The sandbox PSUs obas ships for development (used when `sandbox.psus` is not configured and the dev CA is trusted).
 * Their passwords are public and documented in docs/configuration.md (`sandbox-<username>`); only their scrypt hashes
 * are kept here, like any configured password.
 */
export const DEFAULT_SANDBOX_PSUS: readonly SandboxPsu[] = [
  {
    username: 'alice',
    passwordHash: 'scrypt$15$8$1$Vp2W-iSCYSecK6GS7nx8QQ$Oh_B_XBM18FW95tj1qCPXlUNsrsEL8Iv8ZDK_4-n924',
    subject: 'psu-alice',
    name: 'Alice Smith',
    accounts: [
      { id: 'acc-alice-current', name: 'Current account', identification: '20-00-00 55779911', currency: 'GBP' },
      { id: 'acc-alice-savings', name: 'Savings account', identification: '20-00-00 55779922', currency: 'GBP' },
    ],
  },
  {
    username: 'bruno',
    passwordHash: 'scrypt$15$8$1$OsqCDe-lmOFnXOGav7zaJg$d1jg6nfF3tGNdBambKdtWOBlRI36bIDKb09bhoAJQoY',
    subject: 'psu-bruno',
    name: 'Bruno Martin',
    accounts: [
      { id: 'acc-bruno-courant', name: 'Compte courant', identification: 'FR7630006000011234567890189', currency: 'EUR' },
      { id: 'acc-bruno-livret', name: 'Livret A', identification: 'FR7630006000019876543210173', currency: 'EUR' },
    ],
  },
  {
    username: 'chloe',
    passwordHash: 'scrypt$15$8$1$AruHW71Xmnpd6TiLXapw-Q$93sJ77KY59ErX87wsQG7wTPWZE7KHeH6zw0JrlqjDWs',
    subject: 'psu-chloe',
    name: 'Chloé Dubois',
    accounts: [{ id: 'acc-chloe-joint', name: 'Joint account', identification: 'GB33BUKB20201555555555', currency: 'GBP' }],
  },
];
