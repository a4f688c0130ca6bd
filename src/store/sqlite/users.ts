/** SQLite users and API tokens; creating and revoking them is audited in the same transaction. */
import type { Context } from '../../model/context.ts';
import { parseTlp, tlpFromLevel, tlpLevel } from '../../model/handling.ts';
import { CorvidError, NotFoundError } from '../../errors.ts';
import type { ApiToken, User } from '../port.ts';
import { appendAuditIn } from './audit.ts';
import { isUniqueViolation, now, prep, type Db } from './sql.ts';

type UserRow = { name: string; roles: string; compartments: string; tlp_ceiling: number; password_hash: string; created_at: string; disabled: number };
type TokenRow = { token_hash: string; user_name: string; label: string; created_at: string; expires_at: string | null; revoked: number };

function userFromRow(r: UserRow): User {
  return {
    name: r.name, roles: JSON.parse(r.roles) as string[], compartments: JSON.parse(r.compartments) as string[] | '*',
    tlpCeiling: tlpFromLevel(r.tlp_ceiling), passwordHash: r.password_hash, createdAt: r.created_at, disabled: r.disabled === 1,
  };
}

function tokenFromRow(r: TokenRow): ApiToken {
  return { tokenHash: r.token_hash, user: r.user_name, label: r.label, createdAt: r.created_at, expiresAt: r.expires_at, revoked: r.revoked === 1 };
}

function conflict(what: string, id: string): CorvidError {
  return new CorvidError('CORVID_ERR_STORE_CONFLICT', `${what} exists: ${id}`, { what, id });
}

export function createUser(db: Db, ctx: Context, user: Omit<User, 'createdAt' | 'disabled'>): User {
  const ceiling = tlpLevel(parseTlp(user.tlpCeiling));
  return db.transaction((): User => {
    try {
      prep(db, 'INSERT INTO users (name, roles, compartments, tlp_ceiling, password_hash, created_at, disabled) VALUES (?, ?, ?, ?, ?, ?, 0)')
        .run(user.name, JSON.stringify(user.roles), JSON.stringify(user.compartments), ceiling, user.passwordHash, now());
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('user', user.name);
      throw err;
    }
    appendAuditIn(db, ctx, { action: 'user.create', target: user.name, detail: { roles: user.roles, compartments: user.compartments, tlpCeiling: user.tlpCeiling } });
    return getUser(db, user.name) as User;
  }).immediate();
}

export function getUser(db: Db, name: string): User | null {
  const r = prep(db, 'SELECT * FROM users WHERE name = ?').get(name) as UserRow | undefined;
  return r ? userFromRow(r) : null;
}

/** All users by name, without their password hashes. */
export function listUsers(db: Db): User[] {
  return (prep(db, 'SELECT * FROM users ORDER BY name').all() as UserRow[]).map((r) => ({ ...userFromRow(r), passwordHash: '' }));
}

export function createToken(db: Db, ctx: Context, token: Omit<ApiToken, 'createdAt' | 'revoked'>): ApiToken {
  return db.transaction((): ApiToken => {
    if (!getUser(db, token.user)) throw new NotFoundError('user', token.user);
    try {
      prep(db, 'INSERT INTO api_token (token_hash, user_name, label, created_at, expires_at, revoked) VALUES (?, ?, ?, ?, ?, 0)')
        .run(token.tokenHash, token.user, token.label, now(), token.expiresAt);
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('token', token.label);
      throw err;
    }
    appendAuditIn(db, ctx, { action: 'token.create', target: token.user, detail: { label: token.label, expiresAt: token.expiresAt } });
    return tokenFromRow(prep(db, 'SELECT * FROM api_token WHERE token_hash = ?').get(token.tokenHash) as TokenRow);
  }).immediate();
}

/** The token if it exists, is not revoked and has not expired. */
export function findToken(db: Db, tokenHash: string): ApiToken | null {
  const r = prep(db, 'SELECT * FROM api_token WHERE token_hash = ? AND revoked = 0').get(tokenHash) as TokenRow | undefined;
  if (!r) return null;
  if (r.expires_at !== null && Date.parse(r.expires_at) <= Date.now()) return null;
  return tokenFromRow(r);
}

export function revokeToken(db: Db, ctx: Context, tokenHash: string): void {
  db.transaction(() => {
    const r = prep(db, 'SELECT * FROM api_token WHERE token_hash = ?').get(tokenHash) as TokenRow | undefined;
    if (!r) throw new NotFoundError('token', tokenHash.slice(0, 12));
    prep(db, 'UPDATE api_token SET revoked = 1 WHERE token_hash = ?').run(tokenHash);
    appendAuditIn(db, ctx, { action: 'token.revoke', target: r.user_name, detail: { label: r.label } });
  }).immediate();
}
