/**
 * Bytes to text. Manifests must be UTF-8 text; anything else is rejected here, before the YAML
 * parser sees it, so binary files and mis-encoded files fail with a clear message instead of as
 * a cascade of parse errors.
 */
import { InputError } from '../errors';

/** Inputs larger than this are refused: far beyond any real manifest set, and well below V8's string limit. */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

// `fatal` so invalid sequences fail instead of turning into U+FFFD; the BOM is dropped.
const UTF8 = new TextDecoder('utf-8', { fatal: true });

// C0 controls other than tab, LF and CR are not printable YAML (YAML 1.2 §5.1) and never occur in text files.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F]/;

/** Decodes a file's bytes as UTF-8 text. Throws InputError for binary, UTF-16 or invalid UTF-8 input. */
export function decodeText(bytes: Uint8Array, file: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new InputError('input is UTF-16 encoded; save it as UTF-8', file, 1);
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw new InputError('input is not valid UTF-8 text', file, lineOfByte(bytes, firstInvalidUtf8(bytes)));
  }
  checkPrintable(text, file);
  return text;
}

/** Throws InputError when `text` holds control characters (binary data). */
export function checkPrintable(text: string, file: string): void {
  const match = CONTROL.exec(text);
  if (match) {
    const code = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    const line = lineOfIndex(text, match.index);
    throw new InputError(
      `input contains binary data (control character U+${code}); expected YAML or JSON text`,
      file,
      line,
    );
  }
}

/** 1-based line of the character at `index`. */
export function lineOfIndex(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence (best effort, for the line number). */
function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length;) {
    const c = b[i];
    const extra =
      c < 0x80
        ? 0
        : c >= 0xc2 && c <= 0xdf
          ? 1
          : c >= 0xe0 && c <= 0xef
            ? 2
            : c >= 0xf0 && c <= 0xf4
              ? 3
              : -1;
    if (extra < 0) return i;
    for (let k = 1; k <= extra; k++) if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return i;
    i += extra + 1;
  }
  return b.length;
}
