import { Command } from 'commander';
import { consentLifecycleFor } from '../app/consent-lifecycle-for.js';
import type { ConsentRecord } from '../storage/ports.js';
import type { ConfigLoader } from './cli-context.js';
import { withStorage } from './cli-storage.js';

const line = (consent: ConsentRecord) =>
  [consent.consentId, consent.clientId, consent.kind, consent.status, consent.statusUpdatedAt.toISOString(), consent.expiresAt?.toISOString() ?? ''].join('\t');

/** `obas consents …`: an operator's view of consents: list a PSU's, show one, revoke one (with every token bound to it). */
export function consentsCommand(loadConfig: ConfigLoader): Command {
  const command = new Command('consents').description('consents (UK OB consent resources, STET and FAPI 2.0 authorizations)');
  command
    .command('list <psu_subject>')
    .description("list a PSU's consents: id, client, kind, status, status time, expiry")
    .action((subject: string) =>
      withStorage(loadConfig, async (storage, config) => {
        for (const consent of await consentLifecycleFor(config, storage).listForPsu(subject, new Date())) process.stdout.write(`${line(consent)}\n`);
      }),
    );
  command
    .command('show <consent_id>')
    .description('print the consent as JSON')
    .action((consentId: string) =>
      withStorage(loadConfig, async (storage) => {
        const consent = await storage.consents.find(consentId);
        if (consent === undefined) throw new Error(`no consent ${consentId}`);
        process.stdout.write(`${JSON.stringify(consent, null, 2)}\n`);
      }),
    );
  command
    .command('revoke <consent_id>')
    .description('revoke a consent (AwaitingAuthorisation or Authorised) and every token bound to it')
    .action((consentId: string) =>
      withStorage(loadConfig, async (storage, config) => {
        const revoked = await consentLifecycleFor(config, storage).revoke(consentId, { revoker: 'operator' }, new Date());
        if (revoked === undefined) throw new Error(`no consent ${consentId} that can be revoked`);
        process.stdout.write(`revoked ${consentId}\n`);
      }),
    );
  return command;
}
