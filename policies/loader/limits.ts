/**
 * The loader's limits on hostile or absurd input. Each is far beyond any real manifest and far
 * below what would exhaust the stack, the heap or the user's patience.
 */

/** Deepest nesting of collections accepted. Real manifests (even large CRDs) stay below 30. */
export const MAX_NESTING = 200;

/**
 * Most syntax tokens in one YAML document. Parsing holds a document's syntax tree in memory
 * (on the order of 100 bytes per token); typical YAML has a token per 3-4 bytes, so this is
 * about 14 MiB of YAML. The API server stores objects of at most 1.5 MiB, so only lists come
 * near it. Multi-document streams and JSON input have no such limit.
 */
export const MAX_DOCUMENT_TOKENS = 4_000_000;
