import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCaptured as run, testWorkspaces } from '../helpers/cli';

const workspace = testWorkspaces();

const PRIVILEGED = '{\n  // needs a GPU\n  "image": "mcr.microsoft.com/devcontainers/base:1-bookworm",\n  "privileged": true,\n}\n';
const CLEAN = '{\n  "image": "mcr.microsoft.com/devcontainers/base:1-bookworm"\n}\n';

interface JsonPractice {
  practice: number;
  status: string;
  findings: { file: string; line: number; rule: string }[];
}
const practices = (stdout: string) => (JSON.parse(stdout) as { files: string[]; practices: JsonPractice[] });

describe('bulkhead and Dev Container configurations', () => {
  it('a directory walk finds the three places a configuration lives, and no other devcontainer.json', () => {
    const dir = workspace({
      '.devcontainer/devcontainer.json': PRIVILEGED,
      '.devcontainer/gpu/devcontainer.json': PRIVILEGED,
      'tools/.devcontainer.json': PRIVILEGED,
      'test/fixtures/devcontainer.json': PRIVILEGED,
      '.devcontainer/gpu/nested/devcontainer.json': PRIVILEGED,
    });
    const r = run(['check', '--format', 'json'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const files = [...new Set((JSON.parse(r.stdout) as { findings: { file: string }[] }).findings.map((f) => f.file))].sort();
    expect(files).toEqual(['.devcontainer/devcontainer.json', '.devcontainer/gpu/devcontainer.json', 'tools/.devcontainer.json']);
  });

  it('--kind devcontainer for a file with another name; text output with the exact column', () => {
    const dir = workspace({ 'dev.json': PRIVILEGED });
    const bare = run(['check', 'dev.json'], dir);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('dev.json: not recognised as a Dockerfile, Compose file or Dev Container configuration (use --kind dockerfile|compose|devcontainer)');
    const r = run(['check', '--kind', 'devcontainer', 'dev.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^dev\.json\n {2}4:3 +error +The dev container runs privileged: it gets every capability and device of the host +no-privileged/);
  });

  it('SARIF: a result on the dev container, tagged rules', () => {
    const dir = workspace({ '.devcontainer/devcontainer.json': PRIVILEGED });
    const r = run(['check', '--format', 'sarif'], dir);
    const sarif = JSON.parse(r.stdout);
    const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'no-privileged');
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('.devcontainer/devcontainer.json');
    expect(result.locations[0].physicalLocation.region).toMatchObject({ startLine: 4, startColumn: 3, endLine: 4, endColumn: 21 });
    const rule = sarif.runs[0].tool.driver.rules.find((x: { id: string }) => x.id === 'no-privileged');
    expect(rule.properties.tags).toContain('devcontainer');
  });

  it('.bulkhead.yaml applies: a rule turned off, a severity changed, a dev container ignored by glob', () => {
    const dir = workspace({
      '.bulkhead.yaml': 'rules:\n  no-privileged: off\n  no-docker-socket-mount: warning\nignore:\n  - "legacy/**"\n',
      '.devcontainer/devcontainer.json': '{\n  "privileged": true,\n  "mounts": ["source=/var/run/docker.sock,target=/s,type=bind"],\n  "remoteUser": "vscode"\n}\n',
      'legacy/.devcontainer.json': PRIVILEGED,
    });
    const r = run(['check', '--format', 'json', '--fail-on', 'never'], dir);
    expect(r.stderr).toBe('');
    const findings = (JSON.parse(r.stdout) as { findings: { file: string; rule: string; severity: string }[] }).findings;
    expect(findings.map((f) => `${f.file} ${f.rule} ${f.severity}`)).toEqual(['.devcontainer/devcontainer.json no-docker-socket-mount warning']);
  });

  it('--fix applies only safe fixes: a stale JSONC ignore comment goes, privileged stays (its fix is a suggestion)', () => {
    const text = '{\n  // bulkhead-ignore image-tag-pinned\n  "image": "mcr.microsoft.com/devcontainers/base:1-bookworm",\n  "privileged": true,\n}\n';
    const dir = workspace({ '.devcontainer/devcontainer.json': text, 'clean/.devcontainer.json': CLEAN });
    const r = run(['check', '--fix', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    expect(readFileSync(join(dir, '.devcontainer/devcontainer.json'), 'utf8')).toBe(text.replace('  // bulkhead-ignore image-tag-pinned\n', ''));
    expect(run(['check', 'clean'], dir).code).toBe(0);
  });

  it('checklist: the referenced Dockerfile and Compose service are listed with the dev container, minus what does not apply', () => {
    const dir = workspace({
      'app/.devcontainer/devcontainer.json':
        '{\n  "dockerComposeFile": ["../ops/compose.yaml"],\n  "service": "dev",\n  "runServices": ["db"],\n  "remoteUser": "vscode"\n}\n',
      'app/ops/compose.yaml':
        'services:\n  dev:\n    build: ./dev\n    command: sh -c "curl -fsSL https://x.example/i.sh | sh"\n  db:\n    image: postgres:17\n    privileged: true\n  other:\n    image: nginx:1.27\n    privileged: true\n',
      'app/ops/dev/Dockerfile': 'FROM ubuntu:24.04\nRUN apt-get update\n',
      'web/.devcontainer/devcontainer.json': '{\n  "build": { "dockerfile": "../docker/Dockerfile.dev" }\n}\n',
      'web/docker/Dockerfile.dev': 'FROM mcr.microsoft.com/devcontainers/base:1-bookworm\nCMD ["sh", "-c", "curl -fsSL https://y.example | sh"]\n',
    });
    // Only the dev containers are named: the files behind them come in through them.
    const r = run(['checklist', '--format', 'json', 'app/.devcontainer', 'web/.devcontainer'], dir);
    expect(r.stderr).toBe('');
    const out = practices(r.stdout);
    // The checklist lists files by path.
    expect(out.files).toEqual(['app/.devcontainer/devcontainer.json', 'app/ops/compose.yaml', 'web/.devcontainer/devcontainer.json', 'web/docker/Dockerfile.dev']);
    const p3 = out.practices.find((p) => p.practice === 3)!;
    // "db" starts (runServices), "other" does not.
    expect(p3.findings.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual(['app/ops/compose.yaml:7 no-privileged']);
    // The Dockerfile's CMD is replaced (overrideCommand), so its download is not listed; the Dev Containers base image
    // selects a non-root user, so the missing USER is not listed either. The dev service runs as "vscode" (remoteUser).
    const all = out.practices.flatMap((p) => p.findings.map((f) => `${f.file}:${f.line} ${f.rule}`));
    expect(all.filter((f) => /no-curl-pipe-shell|non-root-user|compose-build-user/.test(f))).toEqual([]);
    expect(all).toContain('web/docker/Dockerfile.dev:1 oci-labels');
  });

  it('checklist: a referenced file that cannot be read is reported and listed as not analysed, never as passed', () => {
    const dir = workspace({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.devcontainer/devcontainer.json': '{\n  "dockerComposeFile": "../ops/missing.yaml",\n  "service": "dev"\n}\n',
    });
    const r = run(['checklist', '--format', 'json', '.devcontainer/devcontainer.json'], dir);
    expect(r.stderr).toBe('bulkhead: ops/missing.yaml: no such file or directory; .devcontainer/devcontainer.json refers to it, so the checklist does not cover it\n');
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as { files: string[]; practices: (JsonPractice & { unchecked: { file: string; reason: string }[] })[] };
    expect(out.files).toEqual(['.devcontainer/devcontainer.json', 'ops/missing.yaml']);
    // Privileged is checked in the dev container itself (runArgs, "privileged"), not in the Compose file nobody read.
    const p3 = out.practices.find((p) => p.practice === 3)!;
    expect(p3.status).toBe('partly-checked');
    expect(p3.unchecked).toEqual([{ file: 'ops/missing.yaml', reason: 'not read' }]);
    // Resource limits are a Compose-only practice: with the one Compose file unread, a person must look.
    expect(out.practices.find((p) => p.practice === 5)!.status).toBe('needs-person');
    expect(out.practices.some((p) => p.status === 'passed')).toBe(false);
  });

  it('checklist: a referenced file over the size limit gets file-too-large, as a file found directly does', () => {
    const dir = workspace({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.bulkhead.yaml': 'maxFileSize: 65\n',
      '.devcontainer/devcontainer.json': '{ "dockerComposeFile": "../ops/dev.yml", "service": "dev" }\n',
      'ops/dev.yml': 'services:\n  dev:\n    image: node:22.11.0\n    privileged: true\n    user: root\n',
    });
    const r = run(['checklist', '--format', 'json', '.devcontainer/devcontainer.json'], dir);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { practices: (JsonPractice & { unchecked: { file: string; reason: string }[] })[] };
    const all = out.practices.flatMap((p) => p.findings.map((f) => `${f.file}:${f.line} ${f.rule}`));
    expect(all).toContain('ops/dev.yml:1 file-too-large');
    expect(out.practices.find((p) => p.practice === 3)!.unchecked).toEqual([{ file: 'ops/dev.yml', reason: 'too large' }]);
  });
});
