/**
 * Streams the `objects` of a STIX bundle one at a time with @streamparser/json, behind a byte scanner
 * that bounds what the parser may hold: an object larger than the record limit or nested deeper than
 * the depth limit is skipped without being parsed, and reading goes on with the next object.
 */
import JSONParser from '@streamparser/json/jsonparser.js';

/** STIX objects nest a handful of levels (extensions → properties → dictionaries); 100 is generous. */
export const MAX_OBJECT_DEPTH = 100;

export type BundleEvent =
  /** A complete element of `objects` (index from 0; `start` is its first byte in the file). */
  | { kind: 'object'; index: number; start: number; value: unknown }
  /** An element that broke a limit and was skipped unread. */
  | { kind: 'abandoned'; index: number; start: number; problem: 'too-large' | 'too-deep' }
  /** The bundle's own `type` (checked by the reader). */
  | { kind: 'bundle-type'; value: unknown }
  /** Reading cannot go on; `index` is the element it stopped in, if any. */
  | { kind: 'fatal'; index: number | undefined; at: number; reason: string };

export interface SplitOptions {
  maxRecordBytes: number;
  maxDepth?: number;
}

/**
 * After a skipped element the parser is replaced by a fresh one, primed so that it stands exactly where
 * the old one would: inside `objects`, after an element. The dummy `0` it emits is dropped.
 */
const PRIME = Buffer.from('{"objects":[0');

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Follows the bytes of a bundle, feeding a parser and deciding where each element starts and ends. */
class BundleSplitter {
  readonly out: BundleEvent[] = [];
  stopped = false;
  private readonly maxBytes: number;
  private readonly maxDepth: number;
  private pos = 0;
  private depth = 0;
  private inStr = false;
  private esc = false;
  private root: 'none' | 'object' = 'none';
  private closed = false;
  private expectKey = false;
  private keyBytes: number[] | undefined;
  private lastKey = '';
  private inObjects = false;
  private sawObjects = false;
  private inRecord = false;
  private recordIsContainer = false;
  private recordStart = 0;
  private nextIndex = 0;
  private scalarStart = -1;
  private skipping = false;
  /** Elements started and not yet emitted by the parser, in order. */
  private readonly open: { index: number; start: number }[] = [];
  private parser: JSONParser;
  private parserBase = 0;
  private primed = 0;
  private dummyPending = false;
  private parseError: Error | undefined;

  constructor(opts: SplitOptions) {
    this.maxBytes = opts.maxRecordBytes;
    this.maxDepth = opts.maxDepth ?? MAX_OBJECT_DEPTH;
    this.parser = this.newParser(false);
  }

  private newParser(primed: boolean): JSONParser {
    const p = new JSONParser({ paths: ['$.objects.*', '$.type'], keepStack: false });
    p.onValue = ({ value, key, stack }) => {
      if (stack.length === 1 && key === 'type') {
        this.out.push({ kind: 'bundle-type', value });
        return;
      }
      if (this.dummyPending) {
        this.dummyPending = false;
        return;
      }
      const rec = this.open.shift();
      if (rec) this.out.push({ kind: 'object', index: rec.index, start: rec.start, value });
      // The scanner and the parser read the same bytes and so agree; if they ever did not, stop rather than misnumber.
      else this.fail(undefined, this.pos, 'the objects array could not be followed (scanner and parser disagree)');
    };
    p.onError = (err) => {
      this.parseError ??= err;
    };
    this.parseError = undefined;
    this.primed = primed ? PRIME.length : 0;
    this.dummyPending = primed;
    if (primed) p.write(PRIME);
    return p;
  }

  /** Feeds bytes to the parser; false (and a fatal event) when the JSON is invalid. */
  private feed(bytes: Buffer, absStart: number): boolean {
    if (bytes.length === 0 || this.parseError) return !this.parseError;
    try {
      this.parser.write(bytes);
    } catch (err) {
      this.parseError ??= err instanceof Error ? err : new Error(String(err));
    }
    if (!this.parseError) return true;
    // Tokenizer errors say where (in the parser's own stream, which may have been primed); parser errors do not.
    const m = /absolute position "(\d+)"/.exec(this.parseError.message);
    const at = m ? this.parserBase + Number(m[1]) - this.primed : undefined;
    const detail = this.parseError.message.replace(/ at chunk position "\d+" \(absolute position "\d+"\)/, '');
    const rec = this.open[0];
    const where = rec ? `in object ${rec.index + 1} (which starts at byte ${rec.start})` : 'outside the objects';
    this.fail(rec?.index, at ?? absStart, `invalid JSON ${at === undefined ? '' : `at byte ${at} `}${where}: ${detail}`);
    return false;
  }

  private fail(index: number | undefined, at: number, reason: string): void {
    this.out.push({ kind: 'fatal', index, at, reason });
    this.stopped = true;
  }

  // The chunk being scanned, its absolute offset, and how much of it the parser has been given.
  private chunk: Buffer = Buffer.alloc(0);
  private base = 0;
  private feedFrom = 0;

  /** Scans one chunk; feeds the parser everything that is not part of a skipped element. */
  push(chunk: Buffer): void {
    this.chunk = chunk;
    this.base = this.pos;
    this.feedFrom = 0;
    for (let i = 0; i < chunk.length && !this.stopped; i++) this.step(chunk[i]!, i);
    if (!this.stopped && !this.skipping) this.feedUpTo(chunk.length);
    this.pos = this.base + chunk.length;
  }

  /** One byte of the lexical state machine (strings, escapes, nesting, the keys of the bundle). */
  private step(b: number, i: number): void {
    const at = this.base + i;
    if (this.closed) {
      if (!WS.has(b)) this.failAt(i, `data after the end of the bundle at byte ${at}`);
      return;
    }
    if (this.inStr) {
      if (this.esc) this.esc = false;
      else if (b === BACKSLASH) this.esc = true;
      else if (b === QUOTE) {
        this.inStr = false;
        this.scalarStart = -1;
        if (this.keyBytes) this.endKey();
      }
      if (this.inStr && this.keyBytes && this.keyBytes.length <= 256) this.keyBytes.push(b);
      this.checkSize(i);
      return;
    }
    if (WS.has(b) || (this.root === 'none' && at < 3 && (b === 0xef || b === 0xbb || b === 0xbf))) {
      this.scalarStart = -1;
      this.checkSize(i);
      return;
    }
    if (this.root === 'none') {
      if (b !== 0x7b) return this.failAt(i, 'not a STIX bundle: the file does not start with a JSON object');
      this.root = 'object';
    }
    if (this.depth === 2 && this.inObjects && !this.inRecord && b !== 0x2c && b !== 0x5d) this.startRecord(at, b);
    switch (b) {
      case QUOTE:
        this.inStr = true;
        this.scalarStart = at;
        if (this.depth === 1 && this.expectKey) this.keyBytes = [];
        break;
      case 0x7b: // {
      case 0x5b: // [
        this.depth++;
        if (this.depth === 1) this.expectKey = true;
        if (this.depth === 2 && this.lastKey === 'objects') {
          if (b === 0x7b) return this.failAt(i, 'not a STIX bundle: "objects" is not an array');
          this.inObjects = true;
          this.sawObjects = true;
        }
        if (this.inRecord && !this.skipping && this.depth - 2 > this.maxDepth) this.abandon('too-deep');
        else if (!this.inRecord && this.depth > this.maxDepth + 2) {
          return this.failAt(i, `the bundle nests JSON deeper than ${this.maxDepth} levels outside its objects (byte ${at})`);
        }
        break;
      case 0x7d: // }
      case 0x5d: // ]
        if (this.inRecord && !this.recordIsContainer && this.depth === 2) this.endRecord(at, i);
        this.depth--;
        if (this.depth === 1) this.inObjects = false;
        if (this.inRecord && this.recordIsContainer && this.depth === 2) this.endRecord(at + 1, i + 1);
        if (this.depth === 0) this.closed = true;
        break;
      case 0x3a: // :
        if (this.depth === 1) this.expectKey = false;
        break;
      case 0x2c: // ,
        if (this.depth === 1) this.expectKey = true;
        if (this.inRecord && !this.recordIsContainer && this.depth === 2) this.endRecord(at, i);
        this.scalarStart = -1;
        break;
      default:
        if (this.scalarStart < 0) this.scalarStart = at;
    }
    this.checkSize(i);
  }

  private startRecord(at: number, b: number): void {
    this.inRecord = true;
    this.recordIsContainer = b === 0x7b || b === 0x5b;
    this.recordStart = at;
    this.open.push({ index: this.nextIndex++, start: at });
  }

  /** The element ended before chunk[endI] (absolute `end`); after a skipped one, a fresh parser takes over. */
  private endRecord(end: number, endI: number): void {
    this.inRecord = false;
    if (!this.skipping) return;
    this.skipping = false;
    this.parser = this.newParser(true);
    this.parserBase = end;
    this.feedFrom = endI;
  }

  /** Gives the parser the chunk's bytes up to (not including) chunk[endI]. */
  private feedUpTo(endI: number): void {
    if (!this.skipping && endI > this.feedFrom) this.feed(this.chunk.subarray(this.feedFrom, endI), this.base + this.feedFrom);
    this.feedFrom = Math.max(this.feedFrom, endI);
  }

  /** Ends reading at chunk[i], after the parser has had (and emitted) everything before it. */
  private failAt(i: number, reason: string): void {
    this.feedUpTo(i);
    if (!this.stopped) this.fail(undefined, this.base + i, reason);
  }

  /** Stops parsing the current element: the parser gets the bytes before it, then nothing until its end. */
  private abandon(problem: 'too-large' | 'too-deep'): void {
    this.feedUpTo(Math.max(this.feedFrom, this.recordStart - this.base));
    if (this.stopped) return;
    const rec = this.open.pop();
    if (rec) this.out.push({ kind: 'abandoned', index: rec.index, start: rec.start, problem });
    this.skipping = true;
  }

  /** Record size inside an element; outside, the size of one string or number (the parser buffers those whole). */
  private checkSize(i: number): void {
    const at = this.base + i;
    if (this.inRecord) {
      if (!this.skipping && at - this.recordStart + 1 > this.maxBytes) this.abandon('too-large');
    } else if (this.scalarStart >= 0 && at - this.scalarStart + 1 > this.maxBytes) {
      this.failAt(i, `a value outside the objects (from byte ${this.scalarStart}) is larger than ${this.maxBytes} bytes`);
    }
  }

  private endKey(): void {
    const raw = this.keyBytes!;
    this.keyBytes = undefined;
    try {
      this.lastKey = raw.length > 256 ? '' : String(JSON.parse(`"${Buffer.from(raw).toString('utf8')}"`));
    } catch {
      this.lastKey = '';
    }
  }

  /** At the end of the input: a bundle that is not closed was truncated. */
  finish(): void {
    if (this.stopped) return;
    const at = this.pos;
    if (this.root === 'none') return this.fail(undefined, at, 'not a STIX bundle: the file is empty');
    if (!this.closed) {
      const rec = this.inRecord ? this.open.at(-1) ?? { index: this.nextIndex - 1, start: this.recordStart } : undefined;
      if (rec) return this.fail(rec.index, at, `the file ends at byte ${at} inside object ${rec.index + 1}, which starts at byte ${rec.start} (truncated?)`);
      return this.fail(undefined, at, `the file ends at byte ${at} after ${this.nextIndex} objects, before the bundle is closed (truncated?)`);
    }
    if (!this.sawObjects) this.fail(undefined, at, 'not a STIX bundle: it has no "objects" array');
  }
}

/**
 * The elements of a bundle's `objects`, in file order, each parsed on its own; limits and errors as
 * events rather than exceptions.
 * @example
 * for await (const ev of streamBundleObjects(fileStream('b.json'), { maxRecordBytes: 16 << 20 })) …
 */
export async function* streamBundleObjects(input: AsyncIterable<Buffer>, opts: SplitOptions): AsyncGenerator<BundleEvent> {
  const s = new BundleSplitter(opts);
  for await (const chunk of input) {
    s.push(chunk);
    yield* s.out.splice(0);
    if (s.stopped) return;
  }
  s.finish();
  yield* s.out.splice(0);
}
