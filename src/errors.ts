/** Corvid's error classes and the one registry of stable error codes, each with its HTTP status. */

/**
 * The registry: every error Corvid raises on purpose has a code here. Clients and tests match on
 * the code, never on the message, so messages may improve freely.
 */
export const ERROR_CODES = {
  CORVID_ERR_AUTH_REQUIRED: 401,
  CORVID_ERR_AUTH_INVALID: 401,
  CORVID_ERR_AUTH_FORBIDDEN: 403,
  CORVID_ERR_NOT_FOUND: 404,
  CORVID_ERR_VALIDATION: 400,
  CORVID_ERR_MODEL_UNKNOWN_SCHEMA: 400,
  CORVID_ERR_MODEL_UNKNOWN_PROPERTY: 400,
  CORVID_ERR_MODEL_INVALID_VALUE: 400,
  CORVID_ERR_MODEL_INVALID_ID: 400,
  CORVID_ERR_MODEL_INVALID_DATASET: 400,
  CORVID_ERR_MODEL_INVALID_GRADING: 400,
  CORVID_ERR_MODEL_INVALID_HANDLING: 400,
  CORVID_ERR_STORE_FORGED_REFERENCE: 400,
  CORVID_ERR_STORE_CONFLICT: 409,
  CORVID_ERR_STORE_UNAVAILABLE: 503,
  CORVID_ERR_STORE_AUDIT_APPEND_ONLY: 409,
  CORVID_ERR_RESOLVE_BAD_PAIR: 400,
  CORVID_ERR_NETWORK_UNKNOWN_ALGORITHM: 400,
  CORVID_ERR_INGEST_FORMAT: 400,
  CORVID_ERR_INGEST_MAPPING: 400,
  CORVID_ERR_INGEST_FILE: 400,
  CORVID_ERR_JOB_CANCELLED: 409,
  CORVID_ERR_JOB_STATE: 409,
  CORVID_ERR_ABORTED: 499,
  CORVID_ERR_PAYLOAD_TOO_LARGE: 413,
  CORVID_ERR_UNSUPPORTED_MEDIA_TYPE: 415,
  CORVID_ERR_AUTH_THROTTLED: 429,
  CORVID_ERR_COOPERATE_IDENTITY_LOCKED: 400,
  CORVID_ERR_COOPERATE_IDENTITY_CORRUPT: 500,
  CORVID_ERR_COOPERATE_POLICY: 403,
  CORVID_ERR_PEER_UNSIGNED: 401,
  CORVID_ERR_PEER_UNKNOWN: 401,
  CORVID_ERR_PEER_BAD_SIGNATURE: 401,
  CORVID_ERR_PEER_STALE: 401,
  CORVID_ERR_PEER_REPLAY: 401,
  CORVID_ERR_PEER_EXISTS: 409,
  CORVID_ERR_PEER_SESSION: 404,
  CORVID_ERR_PEER_UNREACHABLE: 502,
  CORVID_ERR_PEER_BAD_RESPONSE: 502,
  CORVID_ERR_PEER_TLS_PIN: 502,
  CORVID_ERR_PEER_REQUEST_STATE: 409,
  CORVID_ERR_COOPERATE_BAD_MESSAGE: 400,
  CORVID_ERR_COOPERATE_BAD_POINT: 400,
  CORVID_ERR_COOPERATE_SESSION: 409,
  CORVID_ERR_COOPERATE_REFUSED: 403,
  CORVID_ERR_COOPERATE_UNSUPPORTED: 400,
  CORVID_ERR_INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The base of every deliberate Corvid error: a stable code, an HTTP status, optional details. */
export class CorvidError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'CorvidError';
    this.code = code;
    this.status = ERROR_CODES[code];
    this.details = details;
  }

  toJSON(): { code: ErrorCode; message: string; details?: Record<string, unknown> } {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

/** A value, record or request that does not fit the model or the API. */
export class ValidationError extends CorvidError {
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
    this.name = 'ValidationError';
  }
}

export class NotFoundError extends CorvidError {
  constructor(what: string, id: string) {
    super('CORVID_ERR_NOT_FOUND', `${what} not found: ${id}`, { what, id });
    this.name = 'NotFoundError';
  }
}

export class AuthError extends CorvidError {
  constructor(code: 'CORVID_ERR_AUTH_REQUIRED' | 'CORVID_ERR_AUTH_INVALID' | 'CORVID_ERR_AUTH_FORBIDDEN', message: string) {
    super(code, message);
    this.name = 'AuthError';
  }
}

/** Raised when the caller's AbortSignal fires: the work stopped cleanly, nothing half-written. */
export class AbortedError extends CorvidError {
  constructor(reason?: string) {
    super('CORVID_ERR_ABORTED', reason ?? 'the operation was cancelled');
    this.name = 'AbortedError';
  }
}

/** Throws an AbortedError if the signal has fired; call at safe points in long work. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortedError(typeof signal.reason === 'string' ? signal.reason : undefined);
}

export function isCorvidError(err: unknown): err is CorvidError {
  return err instanceof CorvidError;
}
