import { isAlias, isMap, isNode, visit } from 'yaml';
import { removePair } from '../edit/yaml-edits';
import { defineRule } from '../rule-api/rule';
import type { TextEdit } from '../core/types';
import type { ComposeModel } from '../parse/compose';
import type { Pair, YAMLMap } from 'yaml';

/** Removes the `version:` pair; at the top of a file also the blank line after it, so the file does not start empty. */
function removeVersion(model: ComposeModel, root: YAMLMap, pair: Pair): TextEdit {
  const edit = removePair(model, root, pair);
  if (root.flow || edit.range.start.line !== 0 || edit.range.start.character !== 0) return edit;
  const next = edit.range.end.line;
  if (next + 1 < model.index.lineCount && model.index.lineText(next).trim() === '') {
    return { ...edit, range: { start: edit.range.start, end: { line: next + 1, character: 0 } } };
  }
  return edit;
}

/**
 * Whether removing the pair would leave an alias without its anchor: an anchor on the key, the
 * value or anything inside it that an alias elsewhere in the document names (`version: &v "3.8"`
 * with `x-version: *v`). The file would no longer load, so there is no fix then.
 */
function anchorsUsedElsewhere(model: ComposeModel, pair: Pair): boolean {
  const anchors = new Set<string>();
  for (const part of [pair.key, pair.value]) {
    if (!isNode(part)) continue;
    visit(part, (_key, node) => {
      if (isNode(node) && node.anchor) anchors.add(node.anchor);
    });
  }
  if (anchors.size === 0) return false;
  let used = false;
  visit(model.doc, (_key, node) => {
    if (isAlias(node) && anchors.has(node.source)) {
      used = true;
      return visit.BREAK;
    }
    return undefined;
  });
  return used;
}

export default defineRule({
  meta: {
    id: 'no-obsolete-compose-version',
    practice: 1,
    title: 'Drop the obsolete Compose "version" key',
    severity: 'info',
    kind: 'advice',
    severityReason: 'Advice: Compose ignores the key and warns about it itself.',
    targets: ['compose'],
    fix: 'safe',
    docs: {
      summary:
        'The Compose file has a top-level `version:` key, or is written in the version 1 format (the services at the top level, ' +
        'no `services:` key), which the Compose file reference no longer documents. Bulkhead analyses version 1 files like any other.',
      rationale:
        'Docker Compose v2 implements the Compose Specification, which has no file versions: it ignores `version:` and prints ' +
        'a warning that the attribute is obsolete. The key suggests that the file targets the retired Compose v1 (Python) tool ' +
        'and its 2.x/3.x formats, so readers and tools may assume old behaviour, and some scanners only check files that carry ' +
        'it. Keeping files on the current specification is part of keeping the engine and its tooling up to date.',
      howToFix:
        'Delete the `version:` line. Nothing else changes: Compose already reads the file with the latest specification. Run ' +
        '`docker compose config` to check the result and make sure you run Compose v2 (`docker compose`, not `docker-compose` v1).',
      references: ['https://docs.docker.com/reference/compose-file/version-and-name/', 'https://docs.docker.com/compose/releases/migrate/'],
    },
    messages: {
      version: 'The top-level "version" key is obsolete: Compose ignores it and warns; remove it',
      legacyFormat: 'This file uses the retired version 1 format (services at the top level); move the services under a "services:" key',
    },
    examples: {
      bad: [{ kind: 'compose', code: 'version: "3.8"\nservices:\n  web:\n    image: nginx:1.27\n' }],
      good: [{ kind: 'compose', code: 'services:\n  web:\n    image: nginx:1.27\n' }],
    },
    aliases: { dclint: ['no-version-field'] },
  },
  compose({ model, report, fix }) {
    if (model.legacyFormat && model.services[0]) report({ messageId: 'legacyFormat', range: model.services[0].keyRange });
    const entry = model.top.get('version');
    if (!entry) return;
    const root = model.resolve(model.doc.contents);
    const fixes = entry.via || !isMap(root) || anchorsUsedElsewhere(model, entry.pair) ? [] : [fix('Remove the "version" key', [removeVersion(model, root, entry.pair)])];
    report({ messageId: 'version', range: entry.range, fixes });
  },
});
