// ECDH private set intersection (Meadows 1986; Huberman, Franklin & Hogg 1999) over ristretto255 / X25519: the public API of src/cooperate/psi.
export { createResponder, respond } from './responder.ts';
export type { ResponderOptions, ResponderResult, ResponderState } from './responder.ts';
export { runRequester } from './requester.ts';
export type { PsiSend, RequesterOptions, RequesterResult } from './requester.ts';
export { inlineEngine, workerEngine } from './engine.ts';
export type { PsiEngine } from './engine.ts';
export { decodeFrame, encodeFrame, FRAME_CONTENT_TYPE, MAX_BATCH, pack, PSI_VERSION, REVEALS, parseMessage, unpack } from './messages.ts';
export type { PsiMessage, Reveal } from './messages.ts';
export { DEFAULT_BATCH, sessionDst } from './session.ts';
export type { PsiProgress } from './session.ts';
export { hashToCurve, SUITE } from './hash-to-curve.ts';
export { hashToGroup, hashToRistretto, RISTRETTO_SUITE, ristrettoReady } from './ristretto.ts';
export { multiply, newScalar } from './group.ts';
