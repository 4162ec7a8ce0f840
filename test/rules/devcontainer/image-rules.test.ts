import baseImageEndOfLife from '../../../server/src/rules/base-image-end-of-life';
import dockerInDockerEngine from '../../../server/src/rules/docker-in-docker-engine';
import imageDigestPinned from '../../../server/src/rules/image-digest-pinned';
import imageTagPinned from '../../../server/src/rules/image-tag-pinned';
import trustedRegistries from '../../../server/src/rules/trusted-registries';
import { testRule } from '../../helpers/rule-tester';

const now = new Date('2026-11-29');

testRule(imageTagPinned, {
  valid: [
    { name: 'a version tag', code: '{\n  "image": "mcr.microsoft.com/devcontainers/typescript-node:1-22-bookworm"\n}\n' },
    { name: 'a template variable', code: '{\n  "image": "mcr.microsoft.com/devcontainers/base:${templateOption:imageVariant}"\n}\n' },
    { name: 'a build: the Dockerfile\'s FROM is checked there', code: '{\n  "build": { "dockerfile": "Dockerfile" },\n  // "image": "ubuntu"\n}\n' },
  ],
  invalid: [
    {
      name: 'no tag: the whole reference',
      code: '{\n  // the base image\n  "image": "ubuntu",\n}\n',
      errors: [{ messageId: 'untagged', at: '3:13-3:19', message: 'Image "ubuntu" has no tag, so it pulls whatever "latest" is at build time; pin a version tag or a digest' }],
    },
    { name: 'latest: the tag', code: '{ "image": "mcr.microsoft.com/devcontainers/universal:latest" }', errors: [{ messageId: 'latest', at: '1:55-1:61' }] },
  ],
});

testRule(baseImageEndOfLife, {
  valid: [{ name: 'a supported release', code: '{\n  "image": "python:3.13-bookworm"\n}\n', config: { now } }],
  invalid: [
    {
      name: 'an end-of-life runtime with a quick fix to the oldest supported release',
      code: '{\n  "image": "node:16"\n}\n',
      config: { now },
      errors: [{ messageId: 'runtime', at: '2:18-2:20' }],
      output: '{\n  "image": "node:22"\n}\n',
    },
  ],
});

testRule(dockerInDockerEngine, {
  valid: [{ name: 'a maintained engine', code: '{\n  "image": "docker:29-dind"\n}\n', config: { now } }],
  invalid: [{ name: 'an old engine', code: '{\n  "image": "docker:20.10-dind"\n}\n', config: { now }, errors: [{ messageId: 'engine', at: '2:20-2:30' }] }],
});

testRule(imageDigestPinned, {
  valid: [{ name: 'a digest', code: '{\n  "image": "debian@sha256:2ba5e5ba5bd4e2fbd6e88d4e7b5d2e6c58e1b1c86cd1f4e07e54a2a8f98a8d4f"\n}\n', config: { rules: { 'image-digest-pinned': 'info' } } }],
  invalid: [{ name: 'a tag only', code: '{\n  "image": "debian:12"\n}\n', errors: [{ messageId: 'unpinned', at: '2:13-2:22' }] }],
});

testRule(trustedRegistries, {
  valid: [{ name: 'a trusted registry', code: '{\n  "image": "mcr.microsoft.com/devcontainers/base:1"\n}\n', config: { trustedRegistries: ['mcr.microsoft.com'] } }],
  invalid: [{ name: 'Docker Hub under a policy', code: '{\n  "image": "debian:12"\n}\n', config: { trustedRegistries: ['mcr.microsoft.com'] }, errors: [{ messageId: 'untrusted', at: '2:13-2:22' }] }],
});
