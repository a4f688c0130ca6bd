/**
 * The camt.053 reader: ISO 20022 bank-to-customer statements (versions .001.02 to .001.08, which differ
 * here only in namespace and in a few element names), streamed with saxes. Records: each statement's
 * account (Stmt/Acct), then each entry (Ntry) with its payments (camt053-entry.ts). Malformed XML, a
 * DOCTYPE, or a document that is not camt.053 ends the read with a reject naming the line; whatever
 * came before it has been yielded. No external entity is ever fetched: saxes has no DTD support.
 */
import type { ReadItem, Reader, ReaderOptions } from '../reader.ts';
import { accountItem, entryItem, type Statement } from './camt053-entry.ts';
import { XmlCapture, XmlStop, type Captured } from './camt053-xml.ts';
import { chunkDecoder, encodingReason, maxRecordBytes } from './lines.ts';

const NAMESPACE = /^urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.(\d{2})$/;
const STMT = 'BkToCstmrStmt/Stmt';
const CAPTURE = new Set([`${STMT}/Id`, `${STMT}/Acct`, `${STMT}/Ntry`]);
const REST = 'the rest of the file cannot be read';

const stop = (line: number, reason: string): ReadItem => ({ kind: 'reject', line, code: 'CORVID_ERR_INGEST_FORMAT', reason });

/** Refuses a root that is not a camt.053 Document. */
function checkRoot(name: string, attrs: Record<string, string>): string | undefined {
  const ns = Object.entries(attrs).find(([k]) => k === 'xmlns' || k.startsWith('xmlns:'))?.[1] ?? '';
  if (name !== 'Document' || !NAMESPACE.test(ns)) {
    return `not a camt.053 statement: the root is <${name.slice(0, 40)}> in namespace "${ns.slice(0, 80)}" (expected Document in urn:iso:std:iso:20022:tech:xsd:camt.053.001.NN)`;
  }
  return undefined;
}

/** Turns captured parts into items, keeping track of the statement they belong to. */
class StatementState {
  private pendingId: string | undefined;
  private statement: Statement | undefined;
  private statements = 0;
  private entries = 0;

  *items(parts: Captured[]): Generator<ReadItem> {
    for (const p of parts) {
      if (p.kind === 'too-large') {
        if (p.path.endsWith('/Acct')) this.statement = undefined;
        yield stop(p.line, `the ${p.path.endsWith('/Ntry') ? 'entry' : 'part'} starting at line ${p.line} is larger than the record limit; it was skipped`);
      } else if (p.path.endsWith('/Id')) this.pendingId = p.node.text;
      else if (p.path.endsWith('/Acct')) {
        const n = ++this.statements;
        const r = accountItem(p.node, this.pendingId ?? `stmt${n}`, n);
        this.statement = r.statement;
        this.pendingId = undefined;
        this.entries = 0;
        yield r.item;
      } else yield entryItem(p.node, this.statement, ++this.entries);
    }
  }
}

/**
 * Reads a camt.053 statement file.
 * @example for await (const item of readCamt053(readBytes('statement.xml'), { fileName: 'statement.xml' })) …
 */
export const readCamt053: Reader = async function* (input: AsyncIterable<Buffer>, options: ReaderOptions): AsyncGenerator<ReadItem> {
  const xml = new XmlCapture({ capture: CAPTURE, maxPartChars: maxRecordBytes(options), checkRoot });
  const state = new StatementState();
  const decoder = chunkDecoder(options.encoding);
  let first = true;
  try {
    for await (const chunk of input) {
      let text: string;
      try {
        text = decoder.write(chunk);
      } catch {
        yield* state.items(xml.take());
        yield stop(xml.line, `${encodingReason(`the data near line ${xml.line}`)}; ${REST}`);
        return;
      }
      if (first && text) {
        text = text.replace(/^\uFEFF/, '');
        first = false;
      }
      xml.write(text);
      yield* state.items(xml.take());
    }
    let tail: string;
    try {
      tail = decoder.end();
    } catch {
      throw new XmlStop(encodingReason('the end of the file'), xml.line);
    }
    xml.write(tail);
    const open = xml.openPart;
    try {
      xml.close();
    } catch (err) {
      if (err instanceof XmlStop && open) throw new XmlStop(`the file ends inside the ${open.path.split('/').pop()} starting at line ${open.line} (truncated?)`, open.line);
      throw err;
    }
    yield* state.items(xml.take());
  } catch (err) {
    if (!(err instanceof XmlStop)) throw err;
    yield* state.items(xml.take());
    yield stop(err.line, `${options.fileName}: ${err.message} (line ${err.line}); ${REST}`);
  }
};

/** True when a document's start looks like camt.053 (for format detection). */
export function looksLikeCamt053(head: string): boolean {
  return /urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.\d{2}/.test(head) && /<(\w+:)?Document[\s>]/.test(head);
}
