/** The administrative records in PostgreSQL: datasets, users and API tokens; every change is audited in its transaction. */
import { AuthError, CorvidError, NotFoundError, ValidationError } from '../../errors.ts';
import { isAdmin, type Context } from '../../model/context.ts';
import {
  DEFAULT_GRADING,
  DEFAULT_HANDLING,
  parseCompartment,
  parseGrading,
  parseHandlingCode,
  tlpFromLevel,
  tlpLevel,
  type Grading,
  type HandlingCode,
  type Tlp,
} from '../../model/handling.ts';
import { checkDataset } from '../../model/ids.ts';
import type { ApiToken, Dataset, DatasetInit, User } from '../port.ts';
import { appendAudit } from './audit.ts';
import { now, type Db, type Row } from './sql.ts';

function requireAdmin(ctx: Context, what: string): void {
  if (!isAdmin(ctx)) throw new AuthError('CORVID_ERR_AUTH_FORBIDDEN', `${ctx.actor} may not ${what}: administrators only`);
}

function checkTlp(tlp: Tlp): Tlp {
  if (tlpLevel(tlp) < 0) throw new ValidationError('CORVID_ERR_MODEL_INVALID_HANDLING', `unknown TLP: ${String(tlp)}`);
  return tlp;
}

// Datasets ----------------------------------------------------------------------------------------

const DATASET_COLUMNS = 'name, title, default_grading, default_compartment, default_tlp, default_handling, default_handling_note, created_at, created_by';

function toDataset(r: Row): Dataset {
  return {
    name: r.name as string,
    title: r.title as string,
    defaultGrading: r.default_grading as Grading,
    defaultCompartment: r.default_compartment as string,
    defaultTlp: tlpFromLevel(r.default_tlp as number),
    defaultHandling: r.default_handling as HandlingCode,
    defaultHandlingNote: r.default_handling_note as string,
    createdAt: r.created_at as string,
    createdBy: r.created_by as string,
  };
}

/** Creates the dataset or updates the fields given; inside the caller's transaction. */
export async function upsertDataset(db: Db, ctx: Context, init: DatasetInit): Promise<Dataset> {
  checkDataset(init.name);
  const existing = (await db.query(`SELECT ${DATASET_COLUMNS} FROM datasets WHERE name = $1 FOR UPDATE`, [init.name])).rows[0];
  const old = existing ? toDataset(existing) : undefined;
  const d: Dataset = {
    name: init.name,
    title: init.title ?? old?.title ?? init.name,
    defaultGrading: init.defaultGrading !== undefined ? parseGrading(init.defaultGrading) : (old?.defaultGrading ?? DEFAULT_GRADING),
    defaultCompartment:
      init.defaultCompartment !== undefined ? parseCompartment(init.defaultCompartment) : (old?.defaultCompartment ?? DEFAULT_HANDLING.compartment),
    defaultTlp: checkTlp(init.defaultTlp ?? old?.defaultTlp ?? DEFAULT_HANDLING.tlp),
    defaultHandling: init.defaultHandling !== undefined ? parseHandlingCode(init.defaultHandling) : (old?.defaultHandling ?? DEFAULT_HANDLING.handling),
    defaultHandlingNote: init.defaultHandlingNote ?? old?.defaultHandlingNote ?? DEFAULT_HANDLING.handlingNote,
    createdAt: old?.createdAt ?? now(),
    createdBy: old?.createdBy ?? ctx.actor,
  };
  await db.query(
    `INSERT INTO datasets (${DATASET_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (name) DO UPDATE SET title = $2, default_grading = $3, default_compartment = $4, default_tlp = $5, default_handling = $6, default_handling_note = $7`,
    [d.name, d.title, d.defaultGrading, d.defaultCompartment, tlpLevel(d.defaultTlp), d.defaultHandling, d.defaultHandlingNote, d.createdAt, d.createdBy],
  );
  const { name: _name, createdAt: _at, createdBy: _by, ...detail } = d;
  await appendAudit(db, ctx, { action: 'dataset.upsert', target: d.name, detail });
  return d;
}

export async function getDataset(db: Db, name: string): Promise<Dataset | null> {
  const { rows } = await db.query(`SELECT ${DATASET_COLUMNS} FROM datasets WHERE name = $1`, [name]);
  return rows[0] ? toDataset(rows[0]) : null;
}

export async function listDatasets(db: Db): Promise<Dataset[]> {
  const { rows } = await db.query(`SELECT ${DATASET_COLUMNS} FROM datasets ORDER BY name`);
  return rows.map(toDataset);
}

/** Removes the dataset and its statements (administrators only); returns the number of statements removed. */
export async function deleteDataset(db: Db, ctx: Context, name: string): Promise<number> {
  requireAdmin(ctx, 'delete datasets');
  const removed = (await db.query('DELETE FROM statements WHERE dataset = $1', [name])).rowCount ?? 0;
  await db.query('DELETE FROM datasets WHERE name = $1', [name]);
  await appendAudit(db, ctx, { action: 'dataset.delete', target: name, detail: { statements: removed } });
  return removed;
}

// Users -------------------------------------------------------------------------------------------

const USER_COLUMNS = 'name, roles, compartments, tlp_ceiling, password_hash, created_at, disabled';

function toUser(r: Row, withHash: boolean): User {
  return {
    name: r.name as string,
    roles: r.roles as string[],
    compartments: r.compartments as string[] | '*',
    tlpCeiling: tlpFromLevel(r.tlp_ceiling as number),
    passwordHash: withHash ? (r.password_hash as string) : '',
    createdAt: r.created_at as string,
    disabled: r.disabled as boolean,
  };
}

/** Creates a user; a taken name is a conflict. (Who may manage users is the server's decision, as with SQLite.) */
export async function createUser(db: Db, ctx: Context, init: Omit<User, 'createdAt' | 'disabled'>): Promise<User> {
  const user: User = { ...init, tlpCeiling: checkTlp(init.tlpCeiling), createdAt: now(), disabled: false };
  const res = await db.query(`INSERT INTO users (${USER_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, false) ON CONFLICT (name) DO NOTHING`, [
    user.name,
    JSON.stringify(user.roles),
    JSON.stringify(user.compartments),
    tlpLevel(user.tlpCeiling),
    user.passwordHash,
    user.createdAt,
  ]);
  if (res.rowCount === 0) throw new CorvidError('CORVID_ERR_STORE_CONFLICT', `user ${user.name} exists already`, { name: user.name });
  await appendAudit(db, ctx, {
    action: 'user.create',
    target: user.name,
    detail: { roles: user.roles, compartments: user.compartments, tlpCeiling: user.tlpCeiling },
  });
  return user;
}

export async function getUser(db: Db, name: string): Promise<User | null> {
  const { rows } = await db.query(`SELECT ${USER_COLUMNS} FROM users WHERE name = $1`, [name]);
  return rows[0] ? toUser(rows[0], true) : null;
}

/** All users, without their password hashes. */
export async function listUsers(db: Db): Promise<User[]> {
  const { rows } = await db.query(`SELECT ${USER_COLUMNS} FROM users ORDER BY name`);
  return rows.map((r) => toUser(r, false));
}

// API tokens --------------------------------------------------------------------------------------

const TOKEN_COLUMNS = 'token_hash, user_name, label, created_at, expires_at, revoked';

function toToken(r: Row): ApiToken {
  return {
    tokenHash: r.token_hash as string,
    user: r.user_name as string,
    label: r.label as string,
    createdAt: r.created_at as string,
    expiresAt: (r.expires_at as string | null) ?? null,
    revoked: r.revoked as boolean,
  };
}

/** Errors name a token by the start of its hash, never the whole of it. */
const tokenRef = (hash: string): string => hash.slice(0, 12);

/** Stores a token of an existing user. */
export async function createToken(db: Db, ctx: Context, init: Omit<ApiToken, 'createdAt' | 'revoked'>): Promise<ApiToken> {
  if (!(await getUser(db, init.user))) throw new NotFoundError('user', init.user);
  const token: ApiToken = { ...init, createdAt: now(), revoked: false };
  const res = await db.query(`INSERT INTO tokens (${TOKEN_COLUMNS}) VALUES ($1, $2, $3, $4, $5, false) ON CONFLICT (token_hash) DO NOTHING`, [
    token.tokenHash,
    token.user,
    token.label,
    token.createdAt,
    token.expiresAt,
  ]);
  if (res.rowCount === 0) throw new CorvidError('CORVID_ERR_STORE_CONFLICT', 'a token with this hash exists already');
  await appendAudit(db, ctx, { action: 'token.create', target: token.user, detail: { label: token.label, expiresAt: token.expiresAt } });
  return token;
}

/** An unrevoked, unexpired token of an enabled user. */
export async function findToken(db: Db, tokenHash: string): Promise<ApiToken | null> {
  const { rows } = await db.query(
    `SELECT t.token_hash, t.user_name, t.label, t.created_at, t.expires_at, t.revoked FROM tokens t JOIN users u ON u.name = t.user_name
     WHERE t.token_hash = $1 AND NOT t.revoked AND NOT u.disabled`,
    [tokenHash],
  );
  const token = rows[0] ? toToken(rows[0]) : null;
  // Compared as instants, not as text: expiry may be written with any ISO 8601 precision or offset.
  if (!token || (token.expiresAt !== null && !(Date.parse(token.expiresAt) > Date.now()))) return null;
  return token;
}

/** Revokes a token. */
export async function revokeToken(db: Db, ctx: Context, tokenHash: string): Promise<void> {
  const row = (await db.query(`SELECT ${TOKEN_COLUMNS} FROM tokens WHERE token_hash = $1 FOR UPDATE`, [tokenHash])).rows[0];
  if (!row) throw new NotFoundError('token', tokenRef(tokenHash));
  const token = toToken(row);
  await db.query('UPDATE tokens SET revoked = true WHERE token_hash = $1', [tokenHash]);
  await appendAudit(db, ctx, { action: 'token.revoke', target: token.user, detail: { label: token.label } });
}
