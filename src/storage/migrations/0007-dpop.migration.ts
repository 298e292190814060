import type { Kysely, Migration } from 'kysely';

/**
 * DPoP (RFC 9449): `dpop_jkt` is the RFC 7638 thumbprint of the key an access token is bound to (`cnf.jkt`, §6), and of
 * the key an authorization code is bound to by the `dpop_jkt` authorization request parameter (§10), checked when the
 * code is exchanged. Pushed requests need no column: they keep every parameter, `dpop_jkt` included.
 */
export const dpopMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('access_tokens').addColumn('dpop_jkt', 'text').execute();
    await db.schema.alterTable('authorization_codes').addColumn('dpop_jkt', 'text').execute();
  },
};
