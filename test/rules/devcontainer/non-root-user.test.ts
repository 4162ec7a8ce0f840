import rule from '../../../server/src/rules/non-root-user';
import { describe, expect, it } from 'vitest';
import { parseCount } from '../../../server/src/parse/parse-count';
import { runRule, testRule } from '../../helpers/rule-tester';

const FILES = '/work/project/.devcontainer/';

testRule(rule, {
  valid: [
    { name: 'a Dev Containers image selects its own non-root user', code: '{\n  "image": "mcr.microsoft.com/devcontainers/base:1-bookworm"\n}\n' },
    { name: 'remoteUser set to a non-root user on a root image', code: '{\n  "image": "ubuntu:24.04",\n  "remoteUser": "dev"\n}\n' },
    { name: 'an image Bulkhead does not know', code: '{\n  "image": "ghcr.io/acme/dev:1.2"\n}\n' },
    { name: 'root only in a comment', code: '{\n  "image": "mcr.microsoft.com/devcontainers/base:1",\n  // "remoteUser": "root"\n}\n' },
    {
      name: 'a Dockerfile without USER on a Dev Containers image (the user comes from its metadata)',
      code: '{\n  "build": { "dockerfile": "Dockerfile" }\n}\n',
      files: { [`${FILES}Dockerfile`]: 'FROM mcr.microsoft.com/devcontainers/python:1-3.12\nRUN pip install ruff\n' },
    },
    {
      name: 'a Dockerfile that switches to a user',
      code: '{\n  "dockerFile": "Dockerfile"\n}\n',
      files: { [`${FILES}Dockerfile`]: 'FROM ubuntu:24.04\nRUN useradd -m dev\nUSER dev\n' },
    },
    { name: 'a Dockerfile that cannot be read', code: '{\n  "build": { "dockerfile": "missing/Dockerfile" }\n}\n' },
    {
      name: 'a dev container\'s Dockerfile: the devcontainer.json next to it picks a non-root remoteUser',
      kind: 'dockerfile',
      uri: `${FILES}Dockerfile`,
      code: 'FROM ubuntu:24.04\nARG USERNAME=dev\nRUN useradd -m $USERNAME\n',
      files: { [`${FILES}devcontainer.json`]: '{\n  // built from the Dockerfile here\n  "build": { "dockerfile": "Dockerfile" },\n  "remoteUser": "dev",\n}\n' },
    },
    {
      name: 'a dev container\'s Dockerfile at the root, on a Dev Containers image',
      kind: 'dockerfile',
      uri: '/work/project/Dockerfile',
      code: 'FROM mcr.microsoft.com/devcontainers/go:1-1.23-bookworm\nRUN go install golang.org/x/tools/gopls@v0.16.2\n',
      files: { '/work/project/.devcontainer/devcontainer.json': '{ "build": { "dockerfile": "../Dockerfile", "context": ".." } }' },
    },
    {
      name: 'a Compose service with a non-root user',
      code: '{\n  "dockerComposeFile": ["../compose.yaml"],\n  "service": "app"\n}\n',
      files: { '/work/project/compose.yaml': 'services:\n  app:\n    image: ubuntu:24.04\n    user: "1000"\n' },
    },
  ],
  invalid: [
    {
      name: 'a Dockerfile next to a devcontainer.json that builds another Dockerfile still needs a USER',
      kind: 'dockerfile',
      uri: `${FILES}Dockerfile`,
      code: 'FROM ubuntu:24.04\nRUN apt-get update\n',
      files: { [`${FILES}devcontainer.json`]: '{ "build": { "dockerfile": "other.Dockerfile" }, "remoteUser": "dev" }' },
      errors: [{ messageId: 'missingUser', at: '1:1-1:18' }],
      output: 'FROM ubuntu:24.04\nRUN apt-get update\nRUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home app\nUSER 10001:10001\n',
    },
    {
      name: 'remoteUser root on a Dev Containers image: the fix picks its user',
      code: '{\n  "image": "mcr.microsoft.com/devcontainers/typescript-node:1-22",\n  // root for now\n  "remoteUser": "root",\n}\n',
      errors: [{ messageId: 'devcontainerRoot', at: '4:3-4:23', message: 'The dev container runs its tools, terminals and lifecycle commands as root ("remoteUser": "root"); use a non-root user' }],
      output: '{\n  "image": "mcr.microsoft.com/devcontainers/typescript-node:1-22",\n  // root for now\n  "remoteUser": "node",\n}\n',
    },
    {
      name: 'remoteUser root on an image with a non-root user of its own (image-defaults: Jenkins): the fix offers that user',
      code: '{\n  "image": "jenkins/jenkins:2.479.1-lts",\n  "remoteUser": "root"\n}\n',
      errors: [{ messageId: 'devcontainerRoot', at: '3:3-3:23' }],
      output: '{\n  "image": "jenkins/jenkins:2.479.1-lts",\n  "remoteUser": "jenkins"\n}\n',
    },
    {
      name: 'containerUser root and --user 0, no known user to offer',
      code: '{\n  "image": "ghcr.io/acme/dev:1.2",\n  "containerUser": "root",\n  "runArgs": ["--user", "0"]\n}\n',
      errors: [
        { messageId: 'devcontainerRoot', at: '3:3-3:26' },
        { messageId: 'devcontainerRoot', at: '4:15-4:28' },
      ],
    },
    {
      name: 'neither set on an official image: anchored on the image, the fix adds remoteUser',
      code: '{\n  "image": "node:22-bookworm",\n  "forwardPorts": [3000]\n}\n',
      errors: [{ messageId: 'devcontainerDefaultRoot', at: '2:13-2:29', message: 'The dev container runs as root: image "node:22-bookworm" has no non-root user configured, and neither remoteUser nor containerUser is set' }],
      output: '{\n  "image": "node:22-bookworm",\n  "forwardPorts": [3000],\n  "remoteUser": "node"\n}\n',
    },
    {
      name: 'neither set, root image without a known user: no fix',
      code: '{ "image": "ubuntu:24.04" }',
      errors: [{ messageId: 'devcontainerDefaultRoot', at: '1:13-1:25' }],
    },
    {
      name: 'a Dockerfile without USER that creates a user: the fix sets remoteUser to it (trailing comma kept)',
      code: '{\n  "build": {\n    "dockerfile": "Dockerfile",\n    "context": ".."\n  },\n}\n',
      files: { [`${FILES}Dockerfile`]: 'FROM debian:12\nRUN useradd -m -s /bin/bash devuser\n' },
      errors: [{ messageId: 'devcontainerDefaultRoot', at: '3:19-3:31', message: 'The dev container runs as root: its Dockerfile "Dockerfile" sets no USER and builds on "debian:12", and neither remoteUser nor containerUser is set' }],
      output: '{\n  "build": {\n    "dockerfile": "Dockerfile",\n    "context": ".."\n  },\n  "remoteUser": "devuser",\n}\n',
    },
    {
      name: 'a Compose service that runs as root',
      code: '{\n  "dockerComposeFile": "docker-compose.yml",\n  "service": "dev"\n}\n',
      files: { [`${FILES}docker-compose.yml`]: 'services:\n  dev:\n    image: python:3.12\n' },
      errors: [{ messageId: 'devcontainerDefaultRoot', at: '3:14-3:19' }],
    },
  ],
});

describe('non-root-user in a dev container on large inputs', () => {
  it('a Compose file listed thousands of times is parsed once; the last file that defines the service decides', () => {
    const paths = [...Array(2000).fill('"../compose.yaml"'), '"../override.yaml"', ...Array(2000).fill('"../compose.yaml"')];
    const before = parseCount.compose;
    const findings = runRule(rule, {
      code: `{\n  "dockerComposeFile": [${paths.join(', ')}],\n  "service": "dev"\n}\n`,
      // Texts no other case parses (parsed models are kept across analyses by text).
      files: { '/work/project/compose.yaml': 'services:\n  dev:\n    image: python:3.12\n# listed thousands of times\n', '/work/project/override.yaml': 'services:\n  dev:\n    user: "1000"\n# the override\n' },
    });
    expect(parseCount.compose - before).toBe(2);
    // compose.yaml comes last and defines "dev": its root image decides, not the override's user.
    expect(findings.map((f) => f.messageId)).toEqual(['devcontainerDefaultRoot']);
    expect(findings[0].message).toContain('service "dev" runs image "python:3.12"');
  });
});
