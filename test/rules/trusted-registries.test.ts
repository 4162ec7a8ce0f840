import rule from '../../server/src/rules/trusted-registries';
import { testRule } from '../helpers/rule-tester';

const config = { trustedRegistries: ['registry.corp.example', '*.mirror.example', 'ghcr.io/acme/*'] };
const hub = { trustedRegistries: ['docker.io'] };

testRule(rule, {
  valid: [
    { name: 'no policy configured: the rule is off', code: 'FROM python:3.12\nCOPY --from=ghcr.io/x/y:1 /a /a\n' },
    { name: 'an empty list is no policy', code: 'FROM python:3.12\n', config: { trustedRegistries: [] } },
    { name: 'listed registry, wildcard host, path pattern', code: 'FROM registry.corp.example/base/python:3.12\nFROM eu.mirror.example/library/node:22\nFROM ghcr.io/acme/tools:1\n', config },
    { name: 'a host pattern trusts the host on any port', code: 'FROM registry.corp.example:5000/app:1\n', config },
    { name: 'implicit Docker Hub names count as docker.io, and its aliases match', code: 'FROM node:22\nFROM index.docker.io/library/alpine:3.20\n', config: { trustedRegistries: ['index.docker.io'] } },
    { name: 'stages, scratch and stage references are not images', code: 'FROM registry.corp.example/go:1.23 AS build\nFROM scratch\nCOPY --from=build /a /a\nCOPY --from=0 /b /b\nRUN --mount=type=bind,from=build,target=/x true\n', config },
    { name: 'unresolved variables are skipped', code: 'ARG BASE\nFROM ${BASE}\nCOPY --from=${TOOLS} /t /t\n', config },
    { name: 'Compose: a service that builds its image', code: 'services:\n  app:\n    build: .\n    image: ghcr.io/other/app:1\n', config },
    { name: 'Compose: trusted and Docker Hub when docker.io is trusted', code: 'services:\n  a:\n    image: redis:7\n', config: hub },
  ],
  invalid: [
    {
      name: 'FROM from Docker Hub and from an unlisted registry; the image token is underlined',
      code: 'FROM python:3.12-slim\nfrom ghcr.io/other/tool:1 AS t\n',
      config,
      errors: [
        { messageId: 'untrusted', at: '1:6-1:22', message: 'Image "python:3.12-slim" comes from registry "docker.io", which is not in trustedRegistries (registry.corp.example, *.mirror.example, ghcr.io/acme/*); pull it through a trusted registry' },
        { messageId: 'untrusted', at: '2:6-2:26' },
      ],
    },
    {
      name: 'a wildcard does not match the bare domain or a deeper path pattern; a pattern with a port needs that port',
      code: 'FROM mirror.example/node:22\nFROM ghcr.io/acmecorp/x:1\nFROM r.example:5000/a:1\n',
      config: { trustedRegistries: ['*.mirror.example', 'ghcr.io/acme', 'r.example:443'] },
      errors: [
        { messageId: 'untrusted', at: '1:6-1:28' },
        { messageId: 'untrusted', at: '2:6-2:26' },
        { messageId: 'untrusted', at: '3:6-3:24' },
      ],
    },
    {
      name: 'ARG defaults are resolved; the whole token is underlined',
      code: 'ARG REGISTRY=quay.io\nFROM ${REGISTRY}/org/app:1\n',
      config,
      errors: [{ messageId: 'untrusted', at: '2:6-2:27', message: 'Image "quay.io/org/app:1" comes from registry "quay.io", which is not in trustedRegistries (registry.corp.example, *.mirror.example, ghcr.io/acme/*); pull it through a trusted registry' }],
    },
    {
      name: 'COPY --from=<image> and RUN --mount from=<image>, with a continuation line',
      code: 'FROM registry.corp.example/base:1\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\nRUN --mount=type=bind,from=ghcr.io/other/tools:2,target=/t \\\n    /t/run\n',
      config,
      errors: [
        { messageId: 'untrusted', at: '2:13-2:23' },
        { messageId: 'untrusted', at: '3:28-3:49' },
      ],
    },
    {
      name: 'Compose: long, flow and quoted styles, interpolation defaults, merge keys',
      code: 'x-base: &base\n  image: quay.io/a/b:1\nservices:\n  a:\n    image: "postgres:16"\n  b: {image: ghcr.io/acme/ok:1}\n  c:\n    image: ${IMG:-docker.io/library/redis:7}\n  d:\n    <<: *base\n',
      config,
      errors: [
        { messageId: 'untrusted', at: '5:13-5:24' },
        { messageId: 'untrusted', at: '8:12-8:45' },
        { messageId: 'untrusted', at: '10:5-10:14' },
      ],
    },
  ],
});
