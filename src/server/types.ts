/** The server's options and what its plugins add to Fastify's instance, request and route config. */
import type { Context } from '../model/context.ts';
import type { AuditEvent, Store, User } from '../store/port.ts';
import type { ImportRunner } from './import-runner.ts';

export interface BuildOptions {
  store: Store;
  /** The data directory: uploads, reject files and the first admin's credentials live here. */
  dataDir: string;
  logger?: boolean;
  /** A built web UI (Vite `dist/`) to serve at `/`; the built-in landing page when absent. */
  webRoot?: string;
  /** Largest accepted import upload in bytes (default 2 GiB). */
  maxUploadBytes?: number;
  /** Lifetime of a session token from POST /auth/login, in seconds (default 12 hours). */
  sessionSeconds?: number;
}

/** The resolved configuration, with defaults applied. */
export interface ServerConfig {
  dataDir: string;
  uploadsDir: string;
  rejectsDir: string;
  maxUploadBytes: number;
  sessionSeconds: number;
  webRoot: string | null;
}

export const DEFAULT_MAX_UPLOAD_BYTES = 2 * 1024 ** 3;
export const DEFAULT_SESSION_SECONDS = 12 * 3600;

/** A user as the API shows them: never the password hash. */
export type PublicUser = Pick<User, 'name' | 'roles' | 'compartments' | 'tlpCeiling'>;

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
    corvid: ServerConfig;
    imports: ImportRunner;
    /** Appends to the hash-chained audit log as the given Context's actor. */
    audit(ctx: Context, event: AuditEvent): Promise<void>;
  }
  interface FastifyRequest {
    /** The caller's Context: set by the auth plugin (an anonymous one on public routes). */
    ctx: Context;
    /** The authenticated user, null on public routes. */
    user: User | null;
    /** SHA-256 of the bearer token used, so it can be revoked on logout. */
    tokenHash: string | null;
  }
  interface FastifyContextConfig {
    /** The route needs no authentication (login, OpenAPI document, health). */
    public?: boolean;
    /** Only users with the `admin` role may call the route. */
    admin?: boolean;
  }
}
