/** The Context every domain and store call takes first: who asks, what they may see, and a way to stop. */
import { tlpLevel, type Tlp, type TlpLevel } from './handling.ts';

export interface Context {
  /** Who is acting: a user name, `system`, or `peer:<name>`. Written into provenance and the audit log. */
  readonly actor: string;
  /** Compartments the actor belongs to; `'*'` means all (administrators and system jobs). */
  readonly compartments: readonly string[] | '*';
  /** The highest TLP the actor may see; statements above it are invisible to every read path. */
  readonly tlpCeiling: Tlp;
  /** Roles, e.g. `admin`, `analyst`. */
  readonly roles: readonly string[];
  /** Cancels long work; stores and jobs check it at safe points. */
  readonly signal?: AbortSignal;
}

/**
 * Makes a Context with defaults for the fields not given.
 * @example
 * const ctx = makeContext({ actor: 'alice', compartments: ['op-montagna'], tlpCeiling: 'AMBER' });
 */
export function makeContext(init: Partial<Context> & { actor: string }): Context {
  return {
    actor: init.actor,
    compartments: init.compartments ?? [],
    tlpCeiling: init.tlpCeiling ?? 'AMBER',
    roles: init.roles ?? [],
    ...(init.signal ? { signal: init.signal } : {}),
  };
}

/** A context for Corvid's own work (migrations, demo loading): sees everything. */
export function systemContext(signal?: AbortSignal): Context {
  return makeContext({ actor: 'system', compartments: '*', tlpCeiling: 'RED', roles: ['admin'], ...(signal ? { signal } : {}) });
}

export function withSignal(ctx: Context, signal: AbortSignal): Context {
  return { ...ctx, signal };
}

/** The visibility rule in one place (the adapters express the same rule in SQL). */
export function canSee(ctx: Context, compartment: string, tlp: TlpLevel): boolean {
  if (tlp > tlpLevel(ctx.tlpCeiling)) return false;
  if (compartment === '') return true;
  return ctx.compartments === '*' || ctx.compartments.includes(compartment);
}

export function isAdmin(ctx: Context): boolean {
  return ctx.roles.includes('admin');
}
