/**
 * Text to plain values plus line tables, with every way a YAML or JSON text can be bad turned
 * into an InputError naming the file and line. Guards against hostile input: nesting depth is
 * checked while parsing (which is not recursive), before the recursive composer runs, and alias
 * expansion is budgeted (see plain.ts).
 */
import {
  Composer,
  Lexer,
  LineCounter,
  Parser,
  type CST,
  type DocumentOptions,
  type ParseOptions,
  type SchemaOptions,
  type YAMLParseError,
} from 'yaml';
import { InputError } from '../errors';
import { checkPrintable } from './decode';
import { parseJson, tryJson } from './json';
import { MAX_DOCUMENT_TOKENS, MAX_NESTING } from './limits';
import type { LineNode } from './lines';
import { PlainError, toPlain } from './plain';

/** Errors after which composing a document stops; only the first is reported. */
const MAX_ERRORS = 20;

/** How to read a text: as YAML, as JSON, or JSON when it parses as JSON and YAML otherwise (stdin). */
export type SourceFormat = 'yaml' | 'json' | 'auto';

/** One non-empty document: its plain value and its line table. */
export interface ParsedDocument {
  readonly value: unknown;
  readonly lines: LineNode;
}

const DROPPED_TAGS = new Set(
  ['binary', 'omap', 'pairs', 'set', 'timestamp'].map((t) => `tag:yaml.org,2002:${t}`),
);

type ComposerOptions = ParseOptions & DocumentOptions & SchemaOptions;

/**
 * YAML is read with YAML 1.1 scalars, as kubectl reads it (`0644` is octal, `yes` is true), so a
 * rule sees the values the API server would. Types kubectl keeps as strings (timestamps,
 * sexagesimal numbers, binary, sets) stay strings here too, so values are always plain JSON.
 */
const YAML_OPTIONS: ComposerOptions = {
  version: '1.1',
  merge: true,
  // toPlain finds duplicate keys in linear time; the library's check is quadratic.
  uniqueKeys: false,
  resolveKnownTags: false,
  customTags: (tags) =>
    tags.filter((t) =>
      typeof t === 'string'
        ? !DROPPED_TAGS.has(`tag:yaml.org,2002:${t}`)
        : !DROPPED_TAGS.has(t.tag) && t.format !== 'TIME',
    ),
};

/** Parses every document of `text`; empty documents are skipped. `maxDocumentTokens` is for tests. */
export function parseDocuments(
  text: string,
  file: string,
  format: SourceFormat,
  maxDocumentTokens = MAX_DOCUMENT_TOKENS,
): ParsedDocument[] {
  checkPrintable(text, file);
  if (text.trim() === '') return [];
  if (format === 'json' || format === 'auto') {
    const read = format === 'json' ? { json: parseJson(text, file) } : tryJson(text, file);
    if (read) return read.json ? [read.json] : [];
  }
  const lines = new LineCounter();
  const out: ParsedDocument[] = [];
  const composer = new BoundedComposer(YAML_OPTIONS);
  const syntaxError = (all: readonly YAMLParseError[]): InputError => {
    // The composer turns exceptions inside a collection into errors, including our own stop.
    const errors = all.filter((e) => e.message !== TOO_MANY_ERRORS);
    const first = errors.reduce((a, b) => (b.pos[0] < a.pos[0] ? b : a));
    const offset =
      first.code === 'MISSING_CHAR' ? (openingQuote(text, first.pos[0]) ?? first.pos[0]) : first.pos[0];
    return new InputError(`invalid YAML: ${lowerFirst(first.message)}`, file, lines.linePos(offset).line);
  };
  try {
    for (const doc of composer.compose(tokensOf(text, file, lines, maxDocumentTokens))) {
      if (doc.errors.length > 0) throw syntaxError(doc.errors);
      if (doc.contents === null) continue;
      const [start, , end] = doc.contents.range;
      let plain: { value: unknown; lines: LineNode };
      try {
        plain = toPlain(doc.contents, lines, end - start);
      } catch (error) {
        if (!(error instanceof PlainError)) throw error;
        const message = error.syntax ? `invalid YAML: ${error.message}` : error.message;
        throw new InputError(message, file, lines.linePos(error.offset).line);
      }
      if (plain.value === null) continue;
      out.push(plain);
    }
  } catch (error) {
    if (error instanceof TooManyErrors) throw syntaxError(composer.pendingErrors());
    throw error;
  }
  return out;
}

/**
 * The parser's tokens (what `Parser.parse` yields), refusing input nested deeper than
 * MAX_NESTING as soon as the parser's stack of open collections gets that deep. The parser is
 * not recursive, but the composer and toPlain are, and near a stack overflow V8 can abort the
 * process instead of throwing; checking while parsing also bounds the memory deep input takes.
 */
function* tokensOf(text: string, file: string, lines: LineCounter, maxTokens: number): Generator<CST.Token> {
  const parser = new Parser(lines.addNewLine);
  lines.addNewLine(0);
  let documentStart = 0;
  let tokens = 0;
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) {
      documentStart = parser.offset;
      tokens = 0;
      yield token;
    }
    // The stack holds the document and each open collection (plus the current scalar).
    if (parser.stack.length > MAX_NESTING + 2) {
      throw new InputError(
        `nesting is deeper than ${MAX_NESTING} levels; no Kubernetes object is this deep`,
        file,
        lines.linePos(parser.offset).line,
      );
    }
    if (++tokens > maxTokens) {
      throw new InputError(
        `YAML document is too large (more than ${maxTokens} tokens); split it into one document per object, or give the list as JSON`,
        file,
        lines.linePos(documentStart).line,
      );
    }
  }
  yield* parser.end();
}

const TOO_MANY_ERRORS = 'bulwark: too many YAML errors';

class TooManyErrors extends Error {
  constructor() {
    super(TOO_MANY_ERRORS);
  }
}

type OnError = (source: unknown, code: string, message: string, warning?: boolean) => void;

/**
 * A Composer that gives up on a document after MAX_ERRORS errors. The library collects every
 * error of a document before returning it, so an error flood (a megabyte of commas is a million
 * errors, each an Error object) would take minutes and gigabytes. This wraps the composer's
 * internal error callback; a test in tests/policies/loader-bad-input.test.ts fails if a yaml
 * upgrade changes it.
 */
class BoundedComposer extends Composer {
  private readonly internal: { onError: OnError; errors: YAMLParseError[] };

  constructor(options: ComposerOptions) {
    super(options);
    this.internal = this as unknown as { onError: OnError; errors: YAMLParseError[] };
    const report = this.internal.onError;
    this.internal.onError = (source, code, message, warning) => {
      report(source, code, message, warning);
      if (!warning && this.internal.errors.length >= MAX_ERRORS) throw new TooManyErrors();
    };
  }

  /** The errors of the document being composed when it gave up. */
  public pendingErrors(): YAMLParseError[] {
    return this.internal.errors;
  }
}

/**
 * An unterminated quoted string runs to the end of the input, where the parser reports it; the
 * line worth showing is where it opens: the quoted scalar that reaches the error's offset.
 */
function openingQuote(text: string, errorOffset: number): number | undefined {
  const stack: CST.Token[] = [...new Parser().parse(text)];
  for (let token = stack.pop(); token; token = stack.pop()) {
    if (
      (token.type === 'double-quoted-scalar' || token.type === 'single-quoted-scalar') &&
      token.offset + token.source.length >= errorOffset
    ) {
      return token.offset;
    }
    if (token.type === 'document' && token.value) stack.push(token.value);
    if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      for (const item of token.items) {
        if (item.key) stack.push(item.key);
        if (item.value) stack.push(item.value);
      }
    }
  }
  return undefined;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
