#!/usr/bin/env -S node --max-semi-space-size=64
import { Command } from 'commander';
import { clientsCommand } from './clients.command.js';
import { configLoader, reportFailure } from './cli-context.js';
import { consentsCommand } from './consents.command.js';
import { demoCommand } from './demo.command.js';
import { keysCommand } from './keys.command.js';
import { migrateCommand } from './migrate.command.js';
import { pkiCommand } from './pki.command.js';
import { psusCommand } from './psus.command.js';
import { ssaCommand } from './ssa.command.js';
import { startCommand } from './start.command.js';
import { retiredKeyPublishSeconds } from '../tokens/key-publish-window.js';

const program = new Command('obas')
  .description('obas — open banking authorization server')
  .option('-c, --config <file>', 'configuration file (JSON or YAML); default $OBAS_CONFIG')
  .showHelpAfterError();

const loadConfig = configLoader(() => program.opts<{ config?: string }>().config);

program.addCommand(startCommand(loadConfig), { isDefault: false });
program.addCommand(demoCommand());
program.addCommand(
  migrateCommand(async () => {
    const config = await loadConfig();
    return { sqliteFile: config.sqliteFile, ...(config.databaseUrl === undefined ? {} : { databaseUrl: config.databaseUrl }) };
  }),
);
program.addCommand(
  keysCommand(async () => {
    const config = await loadConfig();
    return { dataDir: config.dataDir, retiredKeyPublishSeconds: retiredKeyPublishSeconds(config.profile.lifetimes) };
  }),
);
program.addCommand(pkiCommand(async () => (await loadConfig()).dataDir));
program.addCommand(clientsCommand(loadConfig));
program.addCommand(consentsCommand(loadConfig));
program.addCommand(psusCommand(loadConfig));
program.addCommand(ssaCommand(loadConfig));

program.parseAsync(process.argv).catch(reportFailure);
