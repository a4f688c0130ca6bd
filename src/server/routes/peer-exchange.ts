/**
 * The responder's half of an exchange (node to node, signed): each protocol message of the requester
 * (src/cooperate/psi and src/cooperate/fuzzy, pure steps) is answered here inside a session keyed by the
 * exchange id; the hello opens it over this node's selectors as the peer may see them, the report closes
 * it. Audited at start, finish and cancel with the shared exchange id.
 */
import type { FastifyPluginAsync } from 'fastify';
import { CorvidError } from '../../errors.ts';
import { systemContext } from '../../model/context.ts';
import { createFuzzyResponder, fuzzyRespond } from '../../cooperate/fuzzy/protocol.ts';
import { createResponder, respond } from '../../cooperate/psi/index.ts';
import { exchangeEvent } from '../../cooperate/peer/audit-events.ts';
import { fuzzyRefusedHere, holdings, parseSelectorType } from '../../cooperate/peer/holdings.ts';
import type { Peer } from '../../cooperate/peer/peers.ts';
import type { MatchMode, OpenSession } from '../../cooperate/peer/sessions.ts';
import type { FastifyInstance } from 'fastify';
import { peerContext } from './peer-api.ts';

interface Envelope {
  requestedBy: string;
  msg: Record<string, unknown>;
}

const EXCHANGE = { type: 'object', required: ['exchange'], properties: { exchange: { type: 'string', format: 'uuid' } } } as const;

/** Opens the session for a hello: this node's selectors of the type, as the peer may receive them. */
async function openSession(app: FastifyInstance, peer: Peer, exchange: string, body: Envelope): Promise<OpenSession> {
  const msg = body.msg;
  const fuzzy = msg.type === 'fuzzy.hello';
  const type = parseSelectorType(fuzzy ? 'name' : String(msg.selectorType));
  const mode: MatchMode = fuzzy ? 'fuzzy' : msg.reveal === 'cardinality' ? 'cardinality' : 'intersection';
  if (fuzzy && (!peer.fuzzy || fuzzyRefusedHere())) throw new CorvidError('CORVID_ERR_COOPERATE_POLICY', 'this node does not take part in fuzzy name matching with you');
  const own = await holdings(systemContext(), app.store, peer, type);
  const protocol = fuzzy
    ? ({ kind: 'fuzzy', state: createFuzzyResponder(own.selectors, { allowFuzzy: true }) } as const)
    : ({ kind: 'psi', state: createResponder({ selectorType: type, selectors: own.selectors }) } as const);
  const size = typeof msg.size === 'number' ? msg.size : 0;
  return app.peerNode.sessions.open({ id: exchange, peer: peer.name, type, mode, ownSize: own.selectors.length, peerSize: size, startedBy: body.requestedBy, protocol });
}

export const peerExchangeRoutes: FastifyPluginAsync = async (app) => {
  const sessions = app.peerNode.sessions;

  app.post<{ Params: { exchange: string }; Body: Envelope }>(
    '/exchanges/:exchange/messages',
    {
      schema: {
        tags: ['peer'],
        summary: 'One PSI or fuzzy-matching message of the exchange; answered by the next (signed peer request)',
        params: EXCHANGE,
        body: { type: 'object', required: ['requestedBy', 'msg'], additionalProperties: false, properties: { requestedBy: { type: 'string', maxLength: 200 }, msg: { type: 'object' } } },
      },
    },
    async (request) => {
      const peer = request.peer!;
      const { exchange } = request.params;
      const hello = request.body.msg.type === 'psi.hello' || request.body.msg.type === 'fuzzy.hello';
      const s = hello ? await openSession(app, peer, exchange, request.body) : sessions.get(peer.name, exchange);
      if (hello) await app.store.appendAudit(peerContext(request), exchangeEvent('start', exchange, { peer: peer.name, role: 'responder', type: s.type, mode: s.mode, requestedBy: s.startedBy, peerSelectors: s.peerSize, ownSelectors: s.ownSize }));
      return s.protocol.kind === 'psi' ? respond(s.protocol.state, request.body.msg) : fuzzyRespond(s.protocol.state, request.body.msg);
    },
  );

  app.post<{ Params: { exchange: string }; Body: { hits: number } }>(
    '/exchanges/:exchange/report',
    {
      schema: {
        tags: ['peer'],
        summary: 'The requester reports how many hits it found; the session closes and both audit logs say so',
        params: EXCHANGE,
        body: { type: 'object', required: ['hits'], additionalProperties: false, properties: { hits: { type: 'integer', minimum: 0 } } },
      },
    },
    async (request) => {
      const s = sessions.get(request.peer!.name, request.params.exchange);
      sessions.close(s.id);
      const learned = s.protocol.kind === 'psi' ? s.protocol.state.result?.intersection?.length : undefined;
      const detail = { peer: s.peer, role: 'responder', type: s.type, mode: s.mode, requestedBy: s.startedBy, peerSelectors: s.peerSize, ownSelectors: s.ownSize, reportedHits: request.body.hits, ...(learned !== undefined ? { hits: learned } : {}), disclosed: 'blinded selectors only' };
      await app.store.appendAudit(peerContext(request), exchangeEvent('finish', s.id, detail));
      return { ok: true };
    },
  );

  app.post<{ Params: { exchange: string }; Body: { reason: string } }>(
    '/exchanges/:exchange/cancel',
    {
      schema: {
        tags: ['peer'],
        summary: 'Cancel the session: its secret is dropped, nothing more is answered',
        params: EXCHANGE,
        body: { type: 'object', required: ['reason'], additionalProperties: false, properties: { reason: { type: 'string', maxLength: 500 } } },
      },
    },
    async (request) => {
      const s = sessions.get(request.peer!.name, request.params.exchange);
      sessions.close(s.id);
      await app.store.appendAudit(peerContext(request), exchangeEvent('cancel', s.id, { peer: s.peer, role: 'responder', reason: request.body.reason }));
      return { ok: true };
    },
  );

  app.post('/hello', { schema: { tags: ['peer'], summary: 'Who this node is, and whether it does fuzzy matching with the caller' } }, async (request) => ({
    name: app.peerNode.identity.name,
    url: app.peerNode.identity.url,
    publicKey: app.peerNode.identity.publicKey,
    you: request.peer!.name,
    fuzzy: request.peer!.fuzzy && !fuzzyRefusedHere(),
  }));
};
