/**
 * Follow-ups between nodes (signed peer requests): a peer's request for more after a hit, the
 * disclosure a peer sends once its analyst accepted ours (imported with provenance "received from peer
 * X"), and a peer's notice that it declined. Each is audited under the exchange id.
 */
import type { FastifyPluginAsync } from 'fastify';
import { CorvidError } from '../../errors.ts';
import { makeContext, systemContext } from '../../model/context.ts';
import { exchangeEvent } from '../../cooperate/peer/audit-events.ts';
import { importBundle, type BundlePart } from '../../cooperate/peer/disclose.ts';
import { followUpDetail, listFollowUps, type FollowUp } from '../../cooperate/peer/followup.ts';
import { SELECTOR_TYPES } from '../../cooperate/peer/holdings.ts';
import { HANDLING_CODES, TLP_LEVELS } from '../../model/handling.ts';
import { peerContext } from './peer-api.ts';

interface RequestBody {
  request: string;
  exchange: string;
  peer: string;
  type: string;
  selector: string;
  case: string;
  legalBasis: string;
  requestedBy: string;
}

const UUID = { type: 'string', format: 'uuid' } as const;
const TEXT = { type: 'string', maxLength: 2000 } as const;
const PART = {
  type: 'object',
  required: ['tlp', 'handling', 'handlingNote', 'lines'],
  additionalProperties: false,
  properties: { tlp: { type: 'string', enum: [...TLP_LEVELS] }, handling: { type: 'string', enum: [...HANDLING_CODES] }, handlingNote: TEXT, lines: { type: 'array', maxItems: 100_000, items: { type: 'string' } } },
} as const;

export const peerFollowupRoutes: FastifyPluginAsync = async (app) => {
  /** The follow-up of this id between this node and the calling peer, or null. */
  const find = async (peer: string, id: string): Promise<FollowUp | null> => (await listFollowUps(systemContext(), app.store)).find((f) => f.id === id && f.peer === peer) ?? null;

  app.post<{ Body: RequestBody }>(
    '/requests',
    {
      schema: {
        tags: ['peer'],
        summary: 'A peer asks for more about a selector that hit: which case, which legal basis',
        body: {
          type: 'object',
          required: ['request', 'exchange', 'peer', 'type', 'selector', 'case', 'legalBasis', 'requestedBy'],
          additionalProperties: false,
          properties: { request: UUID, exchange: UUID, peer: TEXT, type: { type: 'string', enum: [...SELECTOR_TYPES] }, selector: TEXT, case: TEXT, legalBasis: TEXT, requestedBy: TEXT },
        },
      },
    },
    async (request) => {
      const peer = request.peer!;
      const b = request.body;
      const existing = await find(peer.name, b.request);
      if (existing) return { request: existing.id, status: existing.status };
      const detail = followUpDetail(b.request, peer.name, b, b.requestedBy);
      await app.store.appendAudit(peerContext(request), exchangeEvent('requestReceived', b.exchange, detail));
      return { request: b.request, status: 'pending' };
    },
  );

  app.post<{ Body: { request: string; exchange: string; parts: BundlePart[] } }>(
    '/disclosures',
    {
      schema: {
        tags: ['peer'],
        summary: 'A peer sends what its analyst accepted to disclose for one of our requests (FtM lines by handling)',
        body: { type: 'object', required: ['request', 'exchange', 'parts'], additionalProperties: false, properties: { request: UUID, exchange: UUID, parts: { type: 'array', maxItems: 64, items: PART } } },
      },
    },
    async (request) => {
      const peer = request.peer!;
      const f = await find(peer.name, request.body.request);
      if (!f || f.direction !== 'outgoing' || f.exchange !== request.body.exchange) throw new CorvidError('CORVID_ERR_PEER_REQUEST_STATE', 'this node sent no such request to you');
      if (f.status === 'received') return { request: f.id, status: f.status };
      const ctx = makeContext({ actor: `peer:${peer.name}`, compartments: '*', tlpCeiling: 'RED', roles: [] });
      const received = await importBundle(ctx, app.store, app.corvid.dataDir, peer.name, f.case, request.body.parts);
      await app.store.appendAudit(peerContext(request), exchangeEvent('disclosureReceived', f.exchange, { request: f.id, peer: peer.name, selector: f.selector, case: f.case, legalBasis: f.legalBasis, received: { ...received } }));
      return { request: f.id, status: 'received', entities: received.entities };
    },
  );

  app.post<{ Body: { request: string; exchange: string; decision: 'declined'; reason: string } }>(
    '/decisions',
    {
      schema: {
        tags: ['peer'],
        summary: 'A peer tells us it declined one of our requests, and why',
        body: { type: 'object', required: ['request', 'exchange', 'decision', 'reason'], additionalProperties: false, properties: { request: UUID, exchange: UUID, decision: { type: 'string', enum: ['declined'] }, reason: TEXT } },
      },
    },
    async (request) => {
      const peer = request.peer!;
      const f = await find(peer.name, request.body.request);
      if (!f || f.direction !== 'outgoing') throw new CorvidError('CORVID_ERR_PEER_REQUEST_STATE', 'this node sent no such request to you');
      if (f.status === 'pending') await app.store.appendAudit(peerContext(request), exchangeEvent('declined', f.exchange, { request: f.id, peer: peer.name, reason: request.body.reason }));
      return { request: f.id, status: 'declined' };
    },
  );
};
