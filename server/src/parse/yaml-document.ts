import { Composer, CST, Parser, YAMLParseError, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';

/**
 * Nesting deeper than this is refused before a YAML document is composed. `yaml` reads text into
 * its syntax tree without recursion, but composes that tree into nodes recursively, a few stack
 * frames per level; near the end of the stack V8 can abort the whole process instead of throwing
 * (a fatal "RegExpCompiler Allocation failed" while a pattern compiles, seen with Compose files
 * 3,000 levels deep: a cloned repository could take the language server down). Real Compose and
 * configuration files nest a few levels. Dev Container files have a limit of their own
 * (MAX_JSON_DEPTH, 256: jsonc-parser's frames are lighter).
 */
export const MAX_YAML_DEPTH = 128;

/** What a text nested deeper than MAX_YAML_DEPTH is told. */
export const TOO_DEEP = `nesting deeper than ${MAX_YAML_DEPTH} levels`;

export type YamlOptions = ParseOptions & DocumentOptions & SchemaOptions;

/** A parsed document, or where the text first nests deeper than MAX_YAML_DEPTH. */
export type YamlRead = { doc: Document.Parsed; tooDeepAt: null } | { doc: null; tooDeepAt: number };

/**
 * `yaml`'s `parseDocument(text, options)` with the depth guard: the syntax tree is read first, its
 * depth measured without recursion, and only a tree within the limit is composed. Same result as
 * `parseDocument` otherwise, including its error for a text holding more than one document.
 */
export function readYamlDocument(text: string, options: YamlOptions): YamlRead {
  const tokens = Array.from(new Parser().parse(text));
  const tooDeepAt = firstTooDeep(tokens, MAX_YAML_DEPTH);
  if (tooDeepAt !== null) return { doc: null, tooDeepAt };
  let doc: Document.Parsed | null = null;
  for (const next of new Composer(options).compose(tokens, true, text.length)) {
    if (!doc) doc = next;
    else if (doc.options.logLevel !== 'silent') {
      // parseDocument's own words for this case, so the message is the same as before the guard.
      doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
      break;
    }
  }
  // compose(..., forceDoc = true) always ends with a document.
  return { doc: doc!, tooDeepAt: null };
}

/** The offset of the first collection nested deeper than `limit` collections, or null. Iterative. */
export function firstTooDeep(tokens: readonly CST.Token[], limit: number): number | null {
  const pending: CST.Token[] = [];
  const depths: number[] = [];
  for (const t of tokens) {
    if (t.type === 'document' && t.value) {
      pending.push(t.value);
      depths.push(0);
    }
  }
  while (pending.length > 0) {
    const token = pending.pop()!;
    const depth = depths.pop()! + 1;
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    if (depth > limit) return token.offset;
    for (const item of token.items) {
      if ('key' in item && item.key) {
        pending.push(item.key);
        depths.push(depth);
      }
      if (item.value) {
        pending.push(item.value);
        depths.push(depth);
      }
    }
  }
  return null;
}
