import { entryOf } from '../core/entry';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { renderFindingHover, renderKeywordHover, renderRuleIdHover } from '../engine/docs';
import { composeDirectives, dockerfileDirectives } from '../parse/ignore-directives';
import type { Range, Target } from '../core/types';
import { COMPOSE_KEYS, DEVCONTAINER_KEYS, DOCKERFILE_FLAGS, DOCKERFILE_KEYWORDS } from '../knowledge/keyword-docs';
import { keyText, type ComposeModel } from '../parse/compose';
import { DevcontainerModel } from '../parse/devcontainer';
import { devcontainerDirectives } from '../parse/devcontainer-directives';
import { DockerfileModel } from '../parse/dockerfile';
import { containsPosition } from '../core/positions';
import { RULES } from '../rules';
import type { DocumentAnalysis } from './document-analyses';

/**
 * Hover, in order of precedence: the findings under the cursor, one short block each (the message,
 * one line of why, a link to the rule's page); a rule id inside a `bulkhead-ignore` comment; a
 * security-relevant Dockerfile instruction or flag, Compose key or Dev Container property. Everything is rendered from rule
 * metadata and keyword docs, on the document's current analysis (nothing is parsed here); nothing
 * to say yields null.
 */

const metaOf = (id: string) => RULES.find((r) => r.meta.id === id)?.meta;

function markdown(value: string, range?: Range): Hover {
  return { contents: { kind: MarkupKind.Markdown, value }, ...(range ? { range } : {}) };
}

/** Rules that are about a keyword: the ones whose title or summary names it. */
function relatedRules(word: string, kind: Target) {
  const re = new RegExp(`\`${word.replace(/[-.]/g, '\\$&')}[\\s:=\`]`, 'i');
  return RULES.map((r) => r.meta).filter((m) => m.targets.includes(kind) && re.test(`${m.docs.summary} `));
}

export function hover(a: DocumentAnalysis, position: Position): Hover | null {
  const here = a.findings.filter((f) => containsPosition(f.range, position) && !(f.range.end.line === position.line && f.range.end.character === position.character));
  if (here.length > 0) {
    const parts = here.map((f) => {
      const meta = metaOf(f.ruleId);
      return meta ? renderFindingHover(meta, f.message) : f.message;
    });
    return markdown(parts.join('\n\n---\n\n'), here[0].range);
  }
  if (!a.model) return null;
  if (a.model instanceof DockerfileModel) return dockerfileHover(a.model, position);
  return a.model instanceof DevcontainerModel ? devcontainerHover(a.model, position) : composeHover(a.model, position);
}

function ruleIdHover(directives: ReturnType<typeof dockerfileDirectives>, position: Position): Hover | null {
  for (const d of directives) {
    for (const r of d.rules) if (containsPosition(r.range, position)) return markdown(renderRuleIdHover(metaOf(r.id), r.id), r.range);
  }
  return null;
}

function dockerfileHover(model: DockerfileModel, position: Position): Hover | null {
  const onId = ruleIdHover(dockerfileDirectives(model), position);
  if (onId) return onId;
  const instr = model.instructions.find((i) => containsPosition(i.range, position));
  if (!instr) return null;
  if (containsPosition(instr.keywordRange, position)) {
    const doc = entryOf(DOCKERFILE_KEYWORDS, instr.keyword);
    return doc ? markdown(renderKeywordHover(instr.keyword, doc.text, doc.practice, relatedRules(instr.keyword, 'dockerfile')), instr.keywordRange) : null;
  }
  for (const f of instr.flags) {
    if (!containsPosition(f.nameRange, position) && !(f.range.start.line === position.line && f.range.start.character <= position.character && position.character <= f.nameRange.start.character)) continue;
    const doc = entryOf(DOCKERFILE_FLAGS, `--${f.name}`);
    if (doc) return markdown(renderKeywordHover(`${instr.keyword} --${f.name}`, doc.text, doc.practice, []), f.range);
  }
  return null;
}

function composeHover(model: ComposeModel, position: Position): Hover | null {
  const onId = ruleIdHover(composeDirectives(model), position);
  if (onId) return onId;
  for (const service of model.services) {
    if (!service.map) continue;
    for (const pair of service.map.items) {
      const key = keyText(pair.key);
      const range = key !== null ? model.rangeOf(pair.key as never) : null;
      if (!key || !range || !containsPosition(range, position)) continue;
      const doc = entryOf(COMPOSE_KEYS, key);
      return doc ? markdown(renderKeywordHover(key, doc.text, doc.practice, relatedRules(key, 'compose')), range) : null;
    }
  }
  return null;
}

/** A top-level property of `devcontainer.json` (its key) or a rule id in a `// bulkhead-ignore` comment. */
function devcontainerHover(model: DevcontainerModel, position: Position): Hover | null {
  const onId = ruleIdHover(devcontainerDirectives(model), position);
  if (onId) return onId;
  for (const [key, p] of model.top) {
    const doc = entryOf(DEVCONTAINER_KEYS, key);
    if (!doc || !containsPosition(p.keyRange, position)) continue;
    const rules = (doc.rules ?? []).map(metaOf).filter((m) => m !== undefined);
    return markdown(renderKeywordHover(key, doc.text, doc.practice, rules), p.keyRange);
  }
  return null;
}
