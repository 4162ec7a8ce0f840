import rule from '../../server/src/rules/docker-in-docker-engine';
import { testRule } from '../helpers/rule-tester';

const config = { now: new Date('2026-11-29') };

testRule(rule, {
  valid: [
    { name: 'releases with no announced end', code: 'FROM docker:28-dind\nFROM docker:25.0.5-dind\nFROM docker:29.1-cli\n', config },
    { name: 'untagged and named tags are not judged', code: 'FROM docker:dind\nFROM docker\nFROM docker:stable-dind\n', config },
    { name: 'not the official docker image', code: 'FROM myorg/docker:19.03-dind\nFROM ghcr.io/acme/docker:20.10\n', config },
    { name: 'before the engine reached its end (27 ended on 2025-05-03)', code: 'FROM docker:27-dind\n', config: { now: new Date('2025-05-02') } },
    { name: 'other end-of-life images are base-image-end-of-life\'s job', code: 'FROM node:14\n', config },
    { name: 'Compose: a service that builds its image', code: 'services:\n  ci:\n    build: .\n    image: docker:19.03-dind\n', config },
  ],
  invalid: [
    {
      name: 'dind tag: engine message on the tag',
      code: 'FROM docker:19.03.12-dind\n',
      config,
      errors: [{ messageId: 'engine', at: '1:13-1:26', message: 'Docker-in-Docker image "docker:19.03.12-dind" runs Docker Engine 19.03, which reached end of life on 2021-01-08; use a maintained engine release' }],
    },
    {
      name: 'plain version: the CLI image; major-only tags follow the newest release of that major',
      code: 'from docker:20.10\nFROM docker.io/library/docker:24 AS tools\nFROM docker:27.3.1-dind-rootless\n',
      config,
      errors: [
        { messageId: 'cli', at: '1:13-1:18', message: 'Image "docker:20.10" ships Docker 20.10, which reached end of life on 2023-12-10; use a maintained Docker release' },
        { messageId: 'cli', at: '2:31-2:33' },
        { messageId: 'engine', at: '3:13-3:33' },
      ],
    },
    {
      name: 'version from an ARG default underlines the whole token',
      code: 'ARG DOCKER_VERSION=20.10\nFROM docker:${DOCKER_VERSION}-dind\n',
      config,
      errors: [{ messageId: 'engine', at: '2:6-2:35' }],
    },
    {
      name: 'Compose: long and flow styles, quoted, and a merge key',
      code: 'x-dind: &dind\n  image: docker:18.09-dind\nservices:\n  a:\n    image: "docker:20.10.24-dind"\n  b: {image: docker:23.0-dind, privileged: true}\n  c:\n    <<: *dind\n',
      config,
      errors: [
        { messageId: 'engine', at: '5:20-5:33' },
        { messageId: 'engine', at: '6:21-6:30' },
        { messageId: 'engine', at: '8:5-8:14' },
      ],
    },
  ],
});
