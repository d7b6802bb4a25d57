import { LogShapeError } from "../activity-log/shape-error.js";

const SHAPE =
  'a CloudTrail delivery file {"Records": [...]} or a JSON array of events';

// Character codes the scanner looks at.
const QUOTE = 34;
const COLON = 58;
const COMMA = 44;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const BYTE_ORDER_MARK = 0xfeff;

const isSpace = (code: number) =>
  code === 32 || code === 10 || code === 13 || code === 9;

/**
 * Receives the JSON text of each event and its dotted path in the
 * document: `Records.12`, or `12` in a bare array.
 */
export type RecordHandler = (text: string, path: string) => void;

/**
 * Splits a CloudTrail document into event texts. Call `write` with each
 * chunk of text and `end` after the last one.
 *
 * It finds the text of each event in `{"Records": [...]}` or in a bare
 * JSON array, chunk by chunk, so memory stays bounded by the largest
 * single event whatever the file size. It tracks only strings and bracket
 * nesting, and each event's text is then parsed with `JSON.parse`, which
 * checks its syntax. Outside the events it checks bracket pairs and
 * string ends only, so other misplaced tokens there (a missing colon
 * between keys) pass unnoticed.
 *
 * @example
 * const texts: string[] = [];
 * const splitter = new RecordSplitter((text) => texts.push(text));
 * splitter.write('{"Records": [{"eventName"');
 * splitter.write(': "GetObject"}]}');
 * splitter.end();
 * texts; // ['{"eventName": "GetObject"}']
 */
export class RecordSplitter {
  /** Open containers, `{` or `[`, outermost first. */
  private readonly stack: number[] = [];
  private inString = false;
  private escaped = false;
  private started = false;
  private done = false;

  /** Depth at which events sit, while inside the events array; else -1. */
  private eventDepth = -1;
  private sawRecords = false;
  private capturing = false;
  private captured: string[] = [];
  private index = 0;

  /** Parts of a depth-1 string being read, the last one, and the key. */
  private keyCapture: string[] | undefined;
  private lastString: string | undefined;
  private currentKey: string | undefined;
  private readonly topLevelKeys: string[] = [];

  constructor(private readonly onRecord: RecordHandler) {}

  /** Scans one chunk. Throws `LogShapeError` at the first bad token. */
  write(chunk: string): void {
    let captureFrom = this.capturing ? 0 : -1;
    let keyFrom = this.keyCapture === undefined ? -1 : 0;
    // Inside strings the scan jumps from one quote or backslash to the
    // next. Each position is searched again only once it is passed, so
    // the chunk is scanned in linear time.
    let nextQuote = -1;
    let nextBackslash = -1;
    for (let i = 0; i < chunk.length; i++) {
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          continue;
        }
        if (nextQuote < i) nextQuote = indexOrEnd(chunk, '"', i);
        if (nextBackslash < i) nextBackslash = indexOrEnd(chunk, "\\", i);
        i = Math.min(nextQuote, nextBackslash);
        if (i === chunk.length) break;
        if (i === nextBackslash) {
          this.escaped = true;
          continue;
        }
        this.inString = false;
        if (this.keyCapture !== undefined) {
          this.keyCapture.push(chunk.slice(keyFrom, i));
          this.lastString = this.keyCapture.join("");
          this.keyCapture = undefined;
          keyFrom = -1;
        }
        continue;
      }

      const code = chunk.charCodeAt(i);
      if (isSpace(code)) continue;
      if (!this.started && code === BYTE_ORDER_MARK) continue;
      if (this.done) {
        throw new LogShapeError(
          "",
          `more text after the end of the document: ${preview(chunk, i)}`,
          `one JSON document: ${SHAPE}`,
        );
      }

      const depth = this.stack.length;
      const atEvent = depth === this.eventDepth && !this.capturing;
      if (atEvent && code !== COMMA && code !== CLOSE_BRACKET) {
        if (code !== OPEN_BRACE) {
          throw new LogShapeError(
            this.eventPath(),
            preview(chunk, i),
            "an event object {...}",
          );
        }
        this.capturing = true;
        captureFrom = i;
      }

      switch (code) {
        case QUOTE:
          if (depth === 0) {
            throw new LogShapeError("", preview(chunk, i), SHAPE);
          }
          this.inString = true;
          if (depth === 1 && this.eventDepth !== 1 && !this.capturing) {
            this.keyCapture = [];
            keyFrom = i + 1;
          }
          break;
        case COLON:
          if (depth === 1 && !this.capturing) {
            this.currentKey = this.lastString;
            if (this.currentKey !== undefined) {
              this.topLevelKeys.push(this.currentKey);
            }
          }
          break;
        case OPEN_BRACE:
        case OPEN_BRACKET:
          this.open(code);
          break;
        case CLOSE_BRACE:
        case CLOSE_BRACKET:
          this.close(code, chunk, i);
          if (this.capturing && this.stack.length === this.eventDepth) {
            this.captured.push(chunk.slice(captureFrom, i + 1));
            this.emit();
            captureFrom = -1;
          }
          break;
        default:
          if (depth === 0) {
            throw new LogShapeError("", preview(chunk, i), SHAPE);
          }
      }
    }

    if (this.capturing) this.captured.push(chunk.slice(captureFrom));
    if (this.keyCapture !== undefined) {
      this.keyCapture.push(chunk.slice(keyFrom));
    }
  }

  /**
   * Ends the document. Throws `LogShapeError` when it is cut short or
   * has no events array.
   */
  end(): void {
    if (!this.started) {
      throw new LogShapeError("", "an empty file", SHAPE);
    }
    if (!this.done) {
      const where = this.capturing ? this.eventPath() : "";
      throw new LogShapeError(
        where,
        "the end of the file inside an unclosed object or array",
        "a complete JSON document; the file may be truncated",
      );
    }
    if (!this.sawRecords) {
      const keys = this.topLevelKeys.slice(0, 6).join(", ");
      throw new LogShapeError(
        "",
        `an object without a "Records" array (keys: ${keys || "none"})`,
        SHAPE,
      );
    }
  }

  private open(code: number): void {
    const depth = this.stack.length;
    if (depth === 0) {
      this.started = true;
      if (code === OPEN_BRACKET) {
        this.eventDepth = 1;
        this.sawRecords = true;
      }
    } else if (
      depth === 1 &&
      code === OPEN_BRACKET &&
      !this.capturing &&
      this.currentKey === "Records" &&
      this.stack[0] === OPEN_BRACE
    ) {
      this.eventDepth = 2;
      this.sawRecords = true;
    }
    this.stack.push(code);
  }

  private close(code: number, chunk: string, i: number): void {
    const opener = this.stack.pop();
    const expected = opener === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET;
    if (opener === undefined || code !== expected) {
      throw new LogShapeError(
        this.capturing ? this.eventPath() : "",
        preview(chunk, i),
        opener === undefined
          ? "nothing more: the document has already ended"
          : `a matching ${String.fromCharCode(expected)}`,
      );
    }
    const depth = this.stack.length;
    if (depth === this.eventDepth - 1 && !this.capturing) {
      this.eventDepth = -1;
    }
    if (depth === 0) this.done = true;
  }

  private emit(): void {
    const text = this.captured.join("");
    this.captured = [];
    this.capturing = false;
    const path = this.eventPath();
    this.index++;
    this.onRecord(text, path);
  }

  private eventPath(): string {
    return this.eventDepth === 2 ? `Records.${this.index}` : `${this.index}`;
  }
}

function indexOrEnd(text: string, search: string, from: number): number {
  const at = text.indexOf(search, from);
  return at < 0 ? text.length : at;
}

function preview(chunk: string, at: number): string {
  const text = chunk.slice(at, at + 40).replace(/\s+/g, " ");
  return JSON.stringify(text);
}
