import { defineRule } from '../rule-api/rule';
import { replaceKeyword } from '../edit/dockerfile-edits';
import { copySources, sourceKind } from '../knowledge/downloads';

/** Names of the local archives ADD unpacks: tar, optionally compressed (gzip, bzip2, xz, zstd...). */
const ARCHIVE = /\.(tar|tgz|tbz2?|tb2|txz|tzst|tlz|taz|gz|bz2|xz|zst|lzma|lz|lz4|z)$/i;
/** A variable that probably holds a URL or an archive rather than a plain local path. */
const NOT_PLAIN = /url|uri|http|link|download|tar|tgz|archive/i;

export default defineRule({
  meta: {
    id: 'prefer-copy-over-add',
    practice: 10,
    title: 'Use COPY for local files',
    severity: 'info',
    kind: 'advice',
    severityReason: 'Advice: a local `ADD` copies what it names today; `COPY` keeps it from unpacking or downloading by surprise later.',
    targets: ['dockerfile'],
    fix: 'safe',
    docs: {
      summary: '`ADD` is used to copy local files or directories that are not tar archives, which `COPY` does without surprises.',
      rationale:
        '`ADD` does more than copy: it unpacks local tar archives and downloads URLs. Using it for plain files ' +
        'hides intent, and a file that later becomes an archive (or a build argument that becomes a URL) ' +
        'silently changes what the instruction does. `COPY` only copies, so a reviewer knows exactly what ' +
        'enters the image.',
      howToFix:
        'Replace `ADD` with `COPY`; the flags `--chown`, `--chmod`, `--link` and `--exclude` work the same. Keep ' +
        '`ADD` only where you rely on tar extraction, and for remote files prefer `ADD --checksum` or a verified download. ' +
        'The quick fix swaps the keyword (in its case) and is safe to apply in bulk: for local files that are not archives ' +
        'both instructions do the same.',
      references: ['https://docs.docker.com/build/building/best-practices/#add-or-copy', 'https://docs.docker.com/reference/dockerfile/#copy'],
    },
    messages: {
      add: 'This "ADD" only copies local files; use COPY, which cannot unpack archives or download URLs by surprise',
    },
    examples: {
      bad: [{ kind: 'dockerfile', code: 'FROM python:3.12-slim\nADD requirements.txt app.py /app/\n' }],
      good: [{ kind: 'dockerfile', code: 'FROM python:3.12-slim\nCOPY requirements.txt app.py /app/\nADD rootfs.tar.gz /\n' }],
    },
    aliases: {
      hadolint: ['DL3020'],
      kics: ['add_instead_of_copy'],
      trivy: ['DS-0005'],
      checkov: ['CKV_DOCKER_4'],
    },
  },
  dockerfile({ model, report, fix }) {
    for (const outer of model.instructions) {
      const instr = outer.trigger ?? outer;
      if (instr.keyword !== 'ADD' || instr.flag('checksum') || instr.flag('keep-git-dir') || instr.flag('unpack')) continue;
      const sources = copySources(model.text, instr);
      if (sources.length === 0) continue;
      const local = sources.every((src) => {
        const resolved = model.resolve(src.value, outer);
        const kind = sourceKind(resolved.value);
        if (kind === 'heredoc') return true;
        if (kind !== 'local' || ARCHIVE.test(resolved.value) || ARCHIVE.test(src.value)) return false;
        return resolved.unresolved.length === 0 || !NOT_PLAIN.test(src.value);
      });
      if (local) report({ messageId: 'add', range: instr.keywordRange, fixes: [fix('Replace ADD with COPY', [replaceKeyword(model, instr, 'COPY')], 'safe')] });
    }
  },
});
