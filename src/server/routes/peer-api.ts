/**
 * /api/v1/peer/…: the node-to-node API, apart from user authentication (peers are not users). Every
 * request must be signed by a trusted peer's key (verified over the raw body before any handler runs),
 * and every answer, errors included, is signed by this node. The routes are in peer-exchange.ts and
 * peer-followup.ts.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { CorvidError } from '../../errors.ts';
import { makeContext, type Context } from '../../model/context.ts';
import { peerNode, type PeerNode } from '../../cooperate/peer/node-state.ts';
import { peerByKey, type Peer } from '../../cooperate/peer/peers.ts';
import { H, signResponse } from '../../cooperate/peer/signing.ts';
import { verifyRequest } from '../../cooperate/peer/verify.ts';
import { peerExchangeRoutes } from './peer-exchange.ts';
import { peerFollowupRoutes } from './peer-followup.ts';

/** Exchange batches are bigger than user requests. */
const PEER_BODY_LIMIT = 16 * 1024 * 1024;

declare module 'fastify' {
  interface FastifyInstance {
    /** This node's identity, replay guard and exchange sessions (only inside /api/v1/peer). */
    peerNode: PeerNode;
  }
  interface FastifyRequest {
    /** The verified peer that signed the request (only inside /api/v1/peer). */
    peer: Peer | null;
    rawBody: Buffer | null;
  }
}

/** The Context a peer acts in on this node: its name, and exactly what it may receive. */
export function peerContext(request: FastifyRequest): Context {
  const peer = request.peer;
  if (!peer) throw new CorvidError('CORVID_ERR_PEER_UNSIGNED', 'not a peer request');
  return makeContext({ actor: `peer:${peer.name}`, compartments: peer.compartments, tlpCeiling: peer.tlpCeiling, roles: [] });
}

function verify(node: PeerNode) {
  return async (request: FastifyRequest): Promise<void> => {
    request.peer = verifyRequest(request.headers, { method: request.method, path: request.url, body: request.rawBody ?? Buffer.alloc(0) }, {
      me: node.identity.publicKey,
      peerByKey: (k) => peerByKey(node.dataDir, k),
      nonces: node.nonces,
      now: node.now(),
    });
  };
}

function sign(node: PeerNode) {
  return async (request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '';
    const nonce = typeof request.headers[H.nonce] === 'string' ? (request.headers[H.nonce] as string) : '';
    const recipient = request.peer?.publicKey ?? (typeof request.headers[H.node] === 'string' ? (request.headers[H.node] as string) : '');
    const headers = signResponse(node.identity.privateKey, { status: reply.statusCode, requestNonce: nonce, timestamp: node.now(), node: node.identity.publicKey, recipient }, body);
    for (const [k, v] of Object.entries(headers)) reply.header(k, v);
    return body;
  };
}

export const peerApi: FastifyPluginAsync = async (app) => {
  const node = peerNode(app.corvid.dataDir);
  app.decorate('peerNode', node);
  app.decorateRequest('peer', null);
  app.decorateRequest('rawBody', null);
  // The signature covers the exact bytes, so the body is kept raw beside its parsed form.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: PEER_BODY_LIMIT }, (request, body, done) => {
    request.rawBody = body as Buffer;
    try {
      done(null, JSON.parse((body as Buffer).toString('utf8')));
    } catch {
      done(new CorvidError('CORVID_ERR_VALIDATION', 'the body is not JSON'), undefined);
    }
  });
  app.addHook('preValidation', verify(node));
  app.addHook('onSend', sign(node));
  await app.register(peerExchangeRoutes);
  await app.register(peerFollowupRoutes);
};
