import { replace } from '../edit/dockerfile-edits';
import { isWindowsDockerfile } from '../knowledge/windows';
import { defineRule } from '../rule-api/rule';
import { tagProblem } from '../knowledge/image-tags';
import { parseImageRef } from '../parse/image-ref';

const DEFAULT = 'docker/dockerfile:1';
/** Docker's own frontend images: only a version tag (`1`, `1.7`, `1.7-labs`) pins them. */
const DOCKER_FRONTEND = /^docker\/dockerfile(-upstream)?$/;
/** Release channels of frontend images besides the generic moving tags. */
const CHANNELS = new Set(['labs', 'experimental', 'master', 'main']);

/** Why a frontend reference is not pinned to a version, or null when it is. */
function unpinned(value: string): string | null {
  const ref = parseImageRef(value.trim());
  if (ref.digest) return null;
  const tag = ref.tag?.toLowerCase() ?? '';
  const official = ref.effectiveRegistry === 'docker.io' && DOCKER_FRONTEND.test(ref.repository);
  if (tag === '') return 'has no version tag';
  if (official ? !/^\d/.test(tag) : tagProblem(ref) !== null || CHANNELS.has(tag)) return `follows the moving tag "${ref.tag}"`;
  return null;
}

/** The pinned replacement for an unpinned `docker/dockerfile` reference; null for other frontends. */
function pinned(value: string): string | null {
  const ref = parseImageRef(value.trim());
  if (ref.effectiveRegistry !== 'docker.io' || ref.repository !== 'docker/dockerfile') return null;
  const base = ref.tagStart >= 0 ? ref.text.slice(0, ref.tagStart - 1) : ref.text;
  return `${base}:${/labs/i.test(ref.tag ?? '') ? '1-labs' : '1'}`;
}

export default defineRule({
  meta: {
    id: 'syntax-directive',
    practice: 1,
    title: 'Pin the Dockerfile frontend with a syntax directive',
    severity: 'info',
    kind: 'risk',
    adviceMessages: ['missing', 'unpinned'],
    severityReason: 'A `# syntax=` line that comes too late is a mistake (information); a missing or unpinned directive is advice (a hint).',
    targets: ['dockerfile'],
    fix: 'suggestion',
    docs: {
      summary:
        'The Dockerfile has no `# syntax=` parser directive, its directive names a frontend without a version (`docker/dockerfile`, ' +
        '`:latest`, `:labs`), or a `# syntax=` line comes too late to count as a directive.',
      rationale:
        'The syntax directive chooses the BuildKit frontend that reads the Dockerfile. Without it the build uses ' +
        'whatever frontend is bundled with the Docker engine or BuildKit of the machine, so the same file gets different ' +
        'features, fixes and build checks on a laptop, in CI and on an old server. `docker/dockerfile:1` follows the latest ' +
        'stable 1.x release, which brings parser fixes and new checks without breaking changes; a bare ' +
        '`docker/dockerfile`, `:latest` or `:labs` also moves across major versions. `1.7` or a digest pins it further. ' +
        'Parser directives only count at the very top of the file: after a blank line, a comment or an instruction, ' +
        '`# syntax=` is an ordinary comment.',
      howToFix:
        'Make `# syntax=docker/dockerfile:1` the first line of the Dockerfile (any other directive such as `# escape=` ' +
        'may follow it), or add a version tag to the existing directive (`docker/dockerfile:1`, `:1-labs` for labs ' +
        'features). Pin a digest (`docker/dockerfile:1.7@sha256:...`) when builds must be reproducible offline.',
      references: [
        'https://docs.docker.com/reference/dockerfile/#syntax',
        'https://docs.docker.com/build/buildkit/frontend/',
        'https://docs.docker.com/reference/dockerfile/#parser-directives',
      ],
    },
    messages: {
      missing: 'The Dockerfile has no "# syntax=" directive; add "# syntax=docker/dockerfile:1" as its first line to fix the frontend version',
      unpinned: 'The frontend "{value}" {why}; pin a version such as "docker/dockerfile:1"',
      misplaced: '"{text}" is read as a plain comment because it is not at the top of the file; move it to the first line',
    },
    examples: {
      bad: [{ kind: 'dockerfile', code: 'FROM alpine:3.20\nRUN echo hello\n' }],
      good: [{ kind: 'dockerfile', code: '# syntax=docker/dockerfile:1\nFROM alpine:3.20\nRUN echo hello\n' }],
    },
    aliases: {},
  },
  dockerfile({ model, report, fix }) {
    const first = model.instructions[0];
    const directive = model.directive('syntax');
    if (directive) {
      const why = unpinned(directive.value);
      if (!why) return;
      const to = pinned(directive.value);
      const start = model.offset(directive.valueRange.start);
      const end = model.offset(directive.valueRange.end);
      const fixes = to ? [fix(`Pin the frontend to "${to}"`, [replace(model, start, end, to)])] : [];
      report({ messageId: 'unpinned', data: { value: directive.value, why }, range: directive.valueRange, fixes });
      return;
    }
    if (!first) return;
    const eol = model.index.eol;
    const late = model.comments.find((c) => c.line < first.range.start.line && /^syntax\s*=/i.test(c.text.trim()));
    if (late) {
      const start = model.offset(late.range.start);
      const end = model.offset(late.range.end);
      const text = model.text.slice(start, end).trim();
      const line = model.index.lineStart(late.line);
      const next = late.line + 1 < model.index.lineCount ? model.index.lineStart(late.line + 1) : model.index.lineEnd(late.line);
      const edits = [replace(model, 0, 0, text + eol), replace(model, line, next, '')];
      report({ messageId: 'misplaced', data: { text }, range: late.range, fixes: [fix('Move the syntax directive to the first line', edits)] });
      return;
    }
    // The classic builder that builds Windows images has no BuildKit frontend to pin.
    if (isWindowsDockerfile(model)) return;
    report({ messageId: 'missing', range: first.keywordRange, fixes: [fix(`Add "# syntax=${DEFAULT}"`, [replace(model, 0, 0, `# syntax=${DEFAULT}${eol}`)])] });
  },
});
