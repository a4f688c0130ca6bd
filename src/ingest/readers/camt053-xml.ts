/**
 * Streaming XML for the camt.053 reader: saxes events turned into small element trees, one per
 * statement part the reader asks for (Stmt/Acct, Stmt/Ntry), so a large statement is never held
 * whole. Hostile XML is refused, never expanded: a DOCTYPE (which could declare entities, internal or
 * external) stops the read, saxes knows only the five predefined entities, and depth and the size of
 * a captured part or a single text are bounded.
 */
import { SaxesParser } from 'saxes';

/** An element as the camt mapping reads it: local name, attributes, trimmed text, children, start line. */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: XmlNode[];
  line: number;
}

/** A captured part, or a part that grew too large (only its start line is kept). */
export type Captured = { kind: 'node'; path: string; node: XmlNode } | { kind: 'too-large'; path: string; line: number };

/** XML nests camt.053 about 12 levels deep; deeper is not a statement. */
export const MAX_XML_DEPTH = 64;

export interface CaptureOptions {
  /** Paths of local names, from the root's child down, whose elements are captured (e.g. `BkToCstmrStmt/Stmt/Ntry`). */
  capture: ReadonlySet<string>;
  /** Characters a captured part may hold. */
  maxPartChars: number;
  /** Called with the root element's attributes; returns a reason to refuse the document. */
  checkRoot: (name: string, attrs: Record<string, string>) => string | undefined;
}

const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

/** Why reading stopped: a message and the line it was at. */
export class XmlStop extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/**
 * Feeds text to saxes and collects captured parts; `write` and `close` throw XmlStop when the
 * document cannot be read on.
 * @example const x = new XmlCapture(opts); x.write(text); for (const part of x.take()) …; x.close();
 */
export class XmlCapture {
  private readonly parser = new SaxesParser({ xmlns: false, position: true });
  private readonly path: string[] = [];
  private readonly open: XmlNode[] = [];
  private capturing: { path: string; root: XmlNode | undefined; line: number; chars: number; tooLarge: boolean } | undefined;
  private parts: Captured[] = [];
  private sinceEvent = 0;
  private sawRoot = false;

  constructor(private readonly opts: CaptureOptions) {
    const p = this.parser;
    p.on('doctype', () => this.stop('the document has a DOCTYPE declaration; camt.053 has none, and one could declare entities, so it is refused'));
    p.on('opentag', (tag) => this.openTag(localName(tag.name), tag.attributes as Record<string, string>));
    p.on('closetag', () => this.closeTag());
    p.on('text', (t) => this.addText(t));
    p.on('cdata', (t) => this.addText(t));
  }

  /** The line the parser is on. */
  get line(): number {
    return this.parser.line;
  }

  /** The start line of the part being captured, if any (for "the file ends inside …"). */
  get openPart(): { path: string; line: number } | undefined {
    return this.capturing ? { path: this.capturing.path, line: this.capturing.line } : undefined;
  }

  write(text: string): void {
    // Feed in slices so a huge text or tag is noticed before saxes has buffered much more of it.
    for (let i = 0; i < text.length; i += 65536) {
      const piece = text.slice(i, i + 65536);
      this.sinceEvent += piece.length;
      this.guard(() => this.parser.write(piece));
      if (this.sinceEvent > this.opts.maxPartChars) this.stop(`a single text or tag near line ${this.line} is longer than ${this.opts.maxPartChars} characters`);
    }
  }

  close(): void {
    this.guard(() => this.parser.close());
    if (!this.sawRoot) this.stop('the file holds no XML element');
  }

  /** The parts completed since the last call, in document order. */
  take(): Captured[] {
    const out = this.parts;
    this.parts = [];
    return out;
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      if (err instanceof XmlStop) throw err;
      throw new XmlStop(`malformed XML: ${(err as Error).message}`, this.line);
    }
  }

  private stop(message: string): never {
    throw new XmlStop(message, this.line);
  }

  private openTag(name: string, attrs: Record<string, string>): void {
    this.sinceEvent = 0;
    if (!this.sawRoot) {
      this.sawRoot = true;
      const why = this.opts.checkRoot(name, attrs);
      if (why) this.stop(why);
      this.path.push(name);
      return;
    }
    this.path.push(name);
    if (this.path.length > MAX_XML_DEPTH) this.stop(`elements nest deeper than ${MAX_XML_DEPTH} levels at line ${this.line}`);
    const key = this.path.slice(1).join('/');
    if (!this.capturing && this.opts.capture.has(key)) this.capturing = { path: key, root: undefined, line: this.line, chars: 0, tooLarge: false };
    const c = this.capturing;
    if (!c || c.tooLarge) return;
    c.chars += name.length + Object.entries(attrs).reduce((n, [k, v]) => n + k.length + v.length, 0);
    if (c.chars > this.opts.maxPartChars) return this.tooLarge();
    const node: XmlNode = { name, attrs: { ...attrs }, text: '', children: [], line: this.line };
    const parent = this.open[this.open.length - 1];
    if (parent) parent.children.push(node);
    else c.root = node;
    this.open.push(node);
  }

  /** Drops what was captured of a part over the size limit; the rest of it is only counted past. */
  private tooLarge(): void {
    const c = this.capturing!;
    c.root = undefined;
    c.tooLarge = true;
    this.open.length = 0;
  }

  private addText(t: string): void {
    this.sinceEvent = 0;
    const c = this.capturing;
    const node = this.open[this.open.length - 1];
    if (!c || !node || c.tooLarge) return;
    c.chars += t.length;
    if (c.chars > this.opts.maxPartChars) return this.tooLarge();
    node.text += t;
  }

  private closeTag(): void {
    this.sinceEvent = 0;
    const key = this.path.slice(1).join('/');
    this.path.pop();
    const c = this.capturing;
    if (!c) return;
    const node = this.open.pop();
    if (node) node.text = node.text.trim();
    if (key !== c.path) return;
    this.parts.push(c.root && !c.tooLarge ? { kind: 'node', path: c.path, node: c.root } : { kind: 'too-large', path: c.path, line: c.line });
    this.capturing = undefined;
  }
}

/** The first child at a path of local names (`child(n, 'Id', 'IBAN')`). */
export function child(n: XmlNode | undefined, ...path: string[]): XmlNode | undefined {
  let cur = n;
  for (const name of path) cur = cur?.children.find((c) => c.name === name);
  return cur;
}

/** The text at a path, or undefined when the element is missing or empty. */
export function textAt(n: XmlNode | undefined, ...path: string[]): string | undefined {
  const t = child(n, ...path)?.text;
  return t ? t : undefined;
}

/** All children with a local name. */
export function childrenNamed(n: XmlNode | undefined, name: string): XmlNode[] {
  return n ? n.children.filter((c) => c.name === name) : [];
}
