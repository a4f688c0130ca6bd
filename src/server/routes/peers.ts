/**
 * /node, /peers and /peer-requests (user API, for the UI): this node's public identity, the trusted
 * peers (admins), follow-up requests — list, send after a hit, accept or decline with a reason.
 */
import type { FastifyPluginAsync } from 'fastify';
import { acceptFollowUp, declineFollowUp, listFollowUps, sendFollowUp } from '../../cooperate/peer/followup.ts';
import { SELECTOR_TYPES } from '../../cooperate/peer/holdings.ts';
import { describePeer, listPeers } from '../../cooperate/peer/peers.ts';
import { loadIdentityFromEnv, type NodeIdentity } from '../../cooperate/node/identity.ts';
import { errorResponses } from '../schemas.ts';

const ID = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;
const TEXT = { type: 'string', minLength: 1, maxLength: 2000 } as const;
const FOLLOW_UP = { type: 'object', additionalProperties: true, required: ['id', 'exchange', 'direction', 'peer', 'status'] } as const;

interface AskBody {
  exchange: string;
  type: string;
  selector: string;
  case: string;
  legalBasis: string;
}

export const peerRoutes: FastifyPluginAsync = async (app) => {
  let identity: NodeIdentity | null = null;
  const me = (): NodeIdentity => (identity ??= loadIdentityFromEnv(app.corvid.dataDir));

  app.get('/node', { schema: { tags: ['peers'], summary: "This node's name, URL, public key and fingerprint (give them to peers out of band)" } }, async () => {
    const { name, url, publicKey, fingerprint } = me();
    return { name, url, publicKey, fingerprint };
  });

  app.get('/peers', { config: { admin: true }, schema: { tags: ['peers'], summary: 'The trusted peers and what each may receive (admins)' } }, async () => ({
    peers: listPeers(app.corvid.dataDir).map(describePeer),
  }));

  app.get<{ Querystring: { status?: string } }>(
    '/peer-requests',
    {
      config: { admin: true },
      schema: {
        tags: ['peers'],
        summary: 'Follow-up requests sent and received, newest first (admins)',
        querystring: { type: 'object', properties: { status: { type: 'string', enum: ['pending', 'accepted', 'delivered', 'declined', 'received'] } } },
        response: { 200: { type: 'object', required: ['requests'], properties: { requests: { type: 'array', items: FOLLOW_UP } } }, ...errorResponses },
      },
    },
    async (request) => {
      const all = await listFollowUps(request.ctx, app.store);
      return { requests: request.query.status ? all.filter((f) => f.status === request.query.status) : all };
    },
  );

  app.post<{ Params: { name: string }; Body: AskBody }>(
    '/peers/:name/requests',
    {
      config: { admin: true },
      schema: {
        tags: ['peers'],
        summary: 'Ask a peer for more about a selector that hit (which case, which legal basis)',
        params: { type: 'object', required: ['name'], properties: { name: { type: 'string', maxLength: 64 } } },
        body: {
          type: 'object',
          required: ['exchange', 'type', 'selector', 'case', 'legalBasis'],
          additionalProperties: false,
          properties: { exchange: { type: 'string', format: 'uuid' }, type: { type: 'string', enum: [...SELECTOR_TYPES] }, selector: TEXT, case: { type: 'string', maxLength: 64 }, legalBasis: TEXT },
        },
        response: { 201: FOLLOW_UP, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await sendFollowUp(request.ctx, app.store, me(), app.corvid.dataDir, request.params.name, request.body)),
  );

  app.post<{ Params: { id: string } }>(
    '/peer-requests/:id/accept',
    { config: { admin: true }, schema: { tags: ['peers'], summary: 'Accept a received request: disclose what the peer may receive, and deliver it', params: ID, response: { 200: FOLLOW_UP, ...errorResponses } } },
    async (request) => acceptFollowUp(request.ctx, app.store, me(), app.corvid.dataDir, request.params.id),
  );

  app.post<{ Params: { id: string }; Body: { reason: string } }>(
    '/peer-requests/:id/decline',
    {
      config: { admin: true },
      schema: {
        tags: ['peers'],
        summary: 'Decline a received request, with the reason (the peer is told)',
        params: ID,
        body: { type: 'object', required: ['reason'], additionalProperties: false, properties: { reason: TEXT } },
        response: { 200: FOLLOW_UP, ...errorResponses },
      },
    },
    async (request) => declineFollowUp(request.ctx, app.store, me(), app.corvid.dataDir, request.params.id, request.body.reason),
  );
};
