import { defineRule } from '../rule-api/rule';
import { instructionCommands } from '../knowledge/commands';
import { downloadedFile, fileUse, unpacksStdin, verifies, type FileUse } from '../knowledge/download-checks';

const ACTION: Record<FileUse, string> = { run: 'run', executable: 'made executable', extract: 'unpacked', install: 'installed' };

export default defineRule({
  meta: {
    id: 'verify-downloads',
    practice: 10,
    title: 'Verify downloaded files before using them',
    severity: 'warning',
    kind: 'risk',
    severityReason: 'A downloaded file that is run or installed without a checksum or signature check is a supply-chain risk.',
    targets: ['dockerfile'],
    docs: {
      summary:
        'A `RUN` downloads a file with `curl`, `wget` or `fetch` and then runs it, makes it executable, unpacks it ' +
        '(`tar x`, `unzip`, `curl ... | tar -xz`) or installs it (`dpkg -i`, `rpm -i`, `apt-get install ./x.deb`, ' +
        '`pip install x.whl`), and nothing in the same `RUN` checks a checksum or a signature (`sha256sum -c`, ' +
        '`gpg --verify`, `gpgv`, `cosign verify-blob`, `minisign -V`, `openssl dgst -verify`). Piping a download ' +
        'straight into a shell is reported by `no-curl-pipe-shell` instead. One finding per `RUN`, on its first such ' +
        'download, naming every file.',
      rationale:
        'HTTPS proves which server answered, not that the file is the one you reviewed. Release assets get replaced, ' +
        'mirrors and CDNs get compromised, and a project\'s download page can serve something new tomorrow under the ' +
        'same URL. A checksum written in the Dockerfile pins the exact bytes, and a signature ties them to the ' +
        'publisher\'s key; without either, whatever the server returns becomes part of the image and runs with the ' +
        'build\'s privileges.',
      howToFix:
        'Write the expected digest next to the version and check it before use: ' +
        '`curl -fsSLo tool.tgz "$URL" && echo "$TOOL_SHA256  tool.tgz" | sha256sum -c - && tar -xzf tool.tgz`. ' +
        'When the publisher signs releases, import its key by fingerprint and run `gpg --verify tool.tgz.asc tool.tgz` ' +
        '(or `cosign verify-blob`). For a single file, `ADD --checksum=sha256:<digest> <url> <dest>` does the check in ' +
        'BuildKit itself.',
      references: [
        'https://docs.docker.com/reference/dockerfile/#add---checksum',
        'https://github.com/hadolint/hadolint/issues/282',
        'https://docs.sigstore.dev/cosign/verifying/verify/',
      ],
    },
    messages: {
      unverified: 'The download "{file}" is {action} without a checksum or signature check; verify it in the same RUN, for example with "sha256sum -c"',
      unverifiedMany: '{count} downloads of this RUN are used without a checksum or signature check: {files}; verify each in the same RUN, for example with "sha256sum -c"',
    },
    examples: {
      bad: [{ kind: 'dockerfile', code: 'FROM debian:12\nRUN curl -fsSLo /tmp/helm.tgz https://get.helm.sh/helm-v3.15.2-linux-amd64.tar.gz && tar -xzf /tmp/helm.tgz -C /usr/local\n' }],
      good: [
        {
          kind: 'dockerfile',
          code:
            'FROM debian:12\nARG HELM_SHA256=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n' +
            'RUN curl -fsSLo /tmp/helm.tgz https://get.helm.sh/helm-v3.15.2-linux-amd64.tar.gz \\\n' +
            ' && echo "$HELM_SHA256  /tmp/helm.tgz" | sha256sum -c - \\\n && tar -xzf /tmp/helm.tgz -C /usr/local\n',
        },
      ],
    },
    aliases: {},
  },
  dockerfile({ model, report }) {
    for (const outer of model.instructions) {
      if ((outer.trigger ?? outer).keyword !== 'RUN') continue;
      const cmds = [...instructionCommands(model, outer)].sort((a, b) => a.start - b.start);
      if (cmds.some(verifies)) continue;
      const hits: { file: string; action: string; start: number; end: number }[] = [];
      cmds.forEach((cmd, i) => {
        const file = downloadedFile(cmd);
        if (!file) return;
        let use: FileUse | null = null;
        if (file.stream) {
          const next = cmds[i + 1];
          if (cmd.after === '|' && next && unpacksStdin(next)) use = 'extract';
        } else if (file.path !== null) {
          const path = file.path;
          use = cmds.slice(i + 1).map((c) => fileUse(c, path)).find((u) => u !== null) ?? null;
        }
        if (!use) return;
        const argv = file.download.argv;
        const name = file.path ?? file.download.urls[0]?.value ?? file.download.tool;
        hits.push({ file: name, action: ACTION[use], start: argv[0].start, end: argv[argv.length - 1].end });
      });
      if (hits.length === 0) continue;
      const range = model.range(hits[0].start, hits[0].end);
      if (hits.length === 1) report({ messageId: 'unverified', data: { file: hits[0].file, action: hits[0].action }, range });
      else report({ messageId: 'unverifiedMany', data: { count: hits.length, files: hits.map((h) => `"${h.file}" (${h.action})`).join(', ') }, range });
    }
  },
});
