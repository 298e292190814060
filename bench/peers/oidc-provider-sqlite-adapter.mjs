import Database from 'better-sqlite3';

/**
 * An oidc-provider storage adapter on SQLite (better-sqlite3, resolved from obas's own dependencies; WAL,
 * synchronous = NORMAL as obas uses), so that the peer can also be measured writing its tokens to a file.
 * One table for every model, keyed by model name and id, as oidc-provider's adapter interface expects.
 */
export function sqliteAdapterFactory(file) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE IF NOT EXISTS oidc_models (
    model TEXT NOT NULL, id TEXT NOT NULL, payload TEXT NOT NULL, grant_id TEXT, user_code TEXT, uid TEXT,
    expires_at INTEGER, consumed_at INTEGER, PRIMARY KEY (model, id))`);
  db.exec('CREATE INDEX IF NOT EXISTS oidc_models_grant ON oidc_models (grant_id)');
  const statements = {
    upsert: db.prepare(`INSERT INTO oidc_models (model, id, payload, grant_id, user_code, uid, expires_at)
      VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload,
      grant_id = excluded.grant_id, user_code = excluded.user_code, uid = excluded.uid, expires_at = excluded.expires_at`),
    find: db.prepare('SELECT payload, consumed_at FROM oidc_models WHERE model = ? AND id = ? AND (expires_at IS NULL OR expires_at > ?)'),
    findBy: (column) =>
      db.prepare(`SELECT payload, consumed_at FROM oidc_models WHERE model = ? AND ${column} = ? AND (expires_at IS NULL OR expires_at > ?)`),
    consume: db.prepare('UPDATE oidc_models SET consumed_at = ? WHERE model = ? AND id = ?'),
    destroy: db.prepare('DELETE FROM oidc_models WHERE model = ? AND id = ?'),
    revokeByGrantId: db.prepare('DELETE FROM oidc_models WHERE grant_id = ?'),
  };
  const findByUserCode = statements.findBy('user_code');
  const findByUid = statements.findBy('uid');
  const now = () => Math.floor(Date.now() / 1000);
  const revive = (row) => (row === undefined ? undefined : { ...JSON.parse(row.payload), ...(row.consumed_at ? { consumed: row.consumed_at } : {}) });

  return class SqliteAdapter {
    constructor(model) {
      this.model = model;
    }

    async upsert(id, payload, expiresIn) {
      const expiresAt = expiresIn ? now() + expiresIn : null;
      statements.upsert.run(this.model, id, JSON.stringify(payload), payload.grantId ?? null, payload.userCode ?? null, payload.uid ?? null, expiresAt);
    }

    async find(id) {
      return revive(statements.find.get(this.model, id, now()));
    }

    async findByUserCode(userCode) {
      return revive(findByUserCode.get(this.model, userCode, now()));
    }

    async findByUid(uid) {
      return revive(findByUid.get(this.model, uid, now()));
    }

    async consume(id) {
      statements.consume.run(now(), this.model, id);
    }

    async destroy(id) {
      statements.destroy.run(this.model, id);
    }

    async revokeByGrantId(grantId) {
      statements.revokeByGrantId.run(grantId);
    }
  };
}
