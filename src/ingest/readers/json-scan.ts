/**
 * Cheap structural scans of JSON text, done before a parser sees it: nesting depth (so hostile
 * `[[[[…` is refused without recursion or a stack overflow) and, for a top-level array read as a
 * stream, where each element starts (its line) and how large it has grown.
 */

/** The deepest nesting a FollowTheMoney entity needs is 3 (object → properties → values); 64 is generous. */
export const MAX_JSON_DEPTH = 64;

/**
 * True when `text` nests arrays/objects deeper than `max` (brackets inside strings do not count).
 * Stops at the first level too deep, so a 100,000-level line costs no more than reading its start.
 */
export function jsonDepthExceeds(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

export type ScanProblem = 'too-deep' | 'too-large';

/**
 * Follows a top-level JSON array chunk by chunk, alongside the real parser: queues the line on which
 * each element starts (the parser does not know lines) and stops at an element nested deeper than
 * `maxDepth` or larger than `maxChars`, before the parser has to hold it.
 */
export class JsonArrayScanner {
  /** The current line (1-based). */
  line = 1;
  /** Start lines of elements not yet claimed by `takeStart()`, oldest first. */
  private readonly starts: number[] = [];
  private head = 0;
  private depth = 0;
  private inString = false;
  private escape = false;
  private lastCR = false;
  private expecting = false;
  private inElement = false;
  private elementChars = 0;

  constructor(
    private readonly maxDepth: number,
    private readonly maxChars: number,
  ) {}

  /** Scans the next piece of text; returns where a limit was broken (and which), or undefined. */
  scan(text: string): { at: number; problem: ScanProblem } | undefined {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) {
        if (!this.lastCR) this.line++;
        this.lastCR = false;
      } else if (c === 0x0d) {
        this.line++;
        this.lastCR = true;
      } else this.lastCR = false;
      if (this.inElement && ++this.elementChars > this.maxChars) return { at: i, problem: 'too-large' };
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === 0x5c) this.escape = true;
        else if (c === 0x22) this.inString = false;
        continue;
      }
      switch (c) {
        case 0x20:
        case 0x09:
        case 0x0a:
        case 0x0d:
          break;
        case 0x22:
          this.startElement();
          this.inString = true;
          break;
        case 0x5b:
        case 0x7b:
          this.startElement();
          if (++this.depth > this.maxDepth + 1) return { at: i, problem: 'too-deep' };
          if (this.depth === 1) this.expecting = true;
          break;
        case 0x5d:
        case 0x7d:
          this.depth--;
          if (this.depth <= 1) this.inElement = false;
          if (this.depth === 0) this.expecting = false;
          break;
        case 0x2c:
          if (this.depth === 1) {
            this.inElement = false;
            this.expecting = true;
          }
          break;
        default:
          this.startElement();
      }
    }
    return undefined;
  }

  /** The start line of the oldest element not yet claimed (the one the parser completes next). */
  takeStart(): number {
    const l = this.starts[this.head];
    if (l === undefined) return this.line;
    this.head++;
    if (this.head > 1024) {
      this.starts.splice(0, this.head);
      this.head = 0;
    }
    return l;
  }

  /** The start line of the element the parser is in (or the current line between elements). */
  peekStart(): number {
    return this.starts[this.head] ?? this.line;
  }

  private startElement(): void {
    if (this.depth === 1 && this.expecting) {
      this.starts.push(this.line);
      this.expecting = false;
      this.inElement = true;
      this.elementChars = 1;
    }
  }
}
