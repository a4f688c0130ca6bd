/** The responder of bench/psi in its own process: a minimal loopback HTTP exchange (POST /psi; binary frames or JSON, answered in kind). */
import { createServer } from 'node:http';
import { createResponder, decodeFrame, encodeFrame, FRAME_CONTENT_TYPE, respond, workerEngine } from '../src/cooperate/psi/index.ts';
import { isCorvidError } from '../src/errors.ts';
import { selectorSet } from './psi-data.ts';

const [n, overlap] = process.argv.slice(2).map(Number);
const engine = workerEngine();
const state = createResponder({ selectorType: 'phone', selectors: selectorSet(n, overlap, 2), engine });
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const binary = req.headers['content-type'] === FRAME_CONTENT_TYPE;
    Promise.resolve()
      .then(() => respond(state, binary ? decodeFrame(Buffer.concat(chunks)) : JSON.parse(Buffer.concat(chunks).toString('utf8'))))
      .then((reply) => {
        if (binary) res.writeHead(200, { 'content-type': FRAME_CONTENT_TYPE }).end(encodeFrame(reply));
        else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
        if (reply.type === 'psi.ack' && state.result) {
          setImmediate(() => {
            server.close();
            void engine.close().then(() => {
              const c = process.cpuUsage();
              process.stdout.write(`${JSON.stringify({ cpuSeconds: (c.user + c.system) / 1e6 })}\n`);
            });
          });
        }
      })
      .catch((err: unknown) => {
        const body = isCorvidError(err) ? err.toJSON() : { code: 'CORVID_ERR_INTERNAL', message: String(err) };
        res.writeHead(isCorvidError(err) ? err.status : 500, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      });
  });
});
// A busy requester may leave its connection idle for longer than Node's 5 s keep-alive default; closing it then
// races with the next request (EPIPE at the requester). Keep idle connections and slow requests open.
server.keepAliveTimeout = 10 * 60_000;
server.headersTimeout = 10 * 60_000 + 1000;
server.requestTimeout = 0;
server.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof addr === 'object' && addr ? addr.port : 0 })}\n`);
});
