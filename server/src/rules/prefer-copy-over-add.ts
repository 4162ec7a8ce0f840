import { defineRule } from '../rule-api/rule';
import { replaceKeyword } from '../edit/dockerfile-edits';
import { copySources, sourceKind } from '../knowledge/downloads';

/** Names of the local archives ADD unpacks: tar, optionally compressed (gzip, bzip2, xz, zstd...). */
const ARCHIVE = /\.(tar|tgz|tbz2?|tb2|txz|tzst|tlz|taz|gz|bz2|xz|zst|lzma|lz|lz4|z)$/i;
/** A variable that probably holds a URL or an archive rather than a plain local path. */
const NOT_PLAIN = /url|uri|http|link|download|tar|tgz|archive/i;
/**
 * Extensions of files that are not tar archives: source code, scripts, configuration, documents,
 * and zip-based archives (ADD does not unpack those). BuildKit decides by the content, not the name,
 * so only a tar archive renamed to one of these would differ.
 */
const NOT_TAR = new Set(
  ('py rb js mjs cjs ts jsx tsx go rs java kt scala c h cc cpp hpp cs php pl lua r sh bash zsh ps1 bat cmd sql ' +
    'txt md rst adoc html htm css scss xml json yaml yml toml ini cfg conf cnf properties env lock ' +
    'pem crt cer key pub csv svg ico png jpg jpeg gif webp woff woff2 ttf otf ' +
    'zip jar war ear whl apk deb rpm so dll exe wasm')
    .split(' ')
    .map((e) => `.${e}`),
);

/**
 * Whether a local source provably is not a tar archive, so that COPY does exactly what ADD did: a
 * heredoc, a directory by its syntax (a trailing `/`, `.`), or a name with an extension of `NOT_TAR`
 * and no wildcard in it, written out (no variable, which a build argument may change). A bare name
 * (`ADD rootfs /`) or a wildcard (`ADD dist/* /opt/`) may be a tar archive that ADD unpacks: COPY is
 * then only a suggestion.
 */
function cannotBeTarArchive(value: string): boolean {
  if (value.startsWith('<<')) return true;
  if (value.endsWith('/') || value === '.' || value === './') return true;
  const name = value.slice(value.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0 && !name.startsWith('*.')) return false;
  const ext = name.slice(dot).toLowerCase();
  return !/[*?[\]\\]/.test(ext) && NOT_TAR.has(ext);
}

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
        'The quick fix swaps the keyword (in its case). It is safe to apply in bulk only where no source can be a tar archive: ' +
        'heredocs, directories written with a trailing `/` (or `.`), and files whose extension says they are not tar archives ' +
        '(`.py`, `.txt`, `.json`, `.zip`...). BuildKit unpacks by content, not by name, so for a bare name (`ADD rootfs /`) or ' +
        'a wildcard (`ADD dist/* /opt/`) the fix is only offered, one at a time.',
      references: ['https://docs.docker.com/build/building/best-practices/#add-or-copy', 'https://docs.docker.com/reference/dockerfile/#copy'],
    },
    messages: {
      add: 'This "ADD" only copies local files; use COPY, which cannot unpack archives or download URLs by surprise',
      maybeArchive: 'This "ADD" unpacks "{source}" if it is a local tar archive; if it is not one, use COPY, which only copies',
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
      const resolved = sources.map((src) => ({ src, r: model.resolve(src.value, outer) }));
      const local = resolved.every(({ src, r }) => {
        const kind = sourceKind(r.value);
        if (kind === 'heredoc') return true;
        if (kind !== 'local' || ARCHIVE.test(r.value) || ARCHIVE.test(src.value)) return false;
        return r.unresolved.length === 0 || !NOT_PLAIN.test(src.value);
      });
      if (!local) continue;
      // A variable may be set at build time (an ARG): only a literal source can be proven not to be an archive.
      const unsure = resolved.find(({ src }) => src.value.includes('$') || !cannotBeTarArchive(src.value));
      const edit = replaceKeyword(model, instr, 'COPY');
      if (!unsure) report({ messageId: 'add', range: instr.keywordRange, fixes: [fix('Replace ADD with COPY', [edit], 'safe')] });
      else report({ messageId: 'maybeArchive', data: { source: unsure.src.value }, range: instr.keywordRange, fixes: [fix('Replace ADD with COPY (if no source is a tar archive)', [edit], 'suggestion')] });
    }
  },
});
