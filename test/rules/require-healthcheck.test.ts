import rule from '../../server/src/rules/require-healthcheck';
import { testRule } from '../helpers/rule-tester';

const SNIPPET = 'HEALTHCHECK --interval=30s --timeout=5s --retries=3 CMD <your check> || exit 1';

testRule(rule, {
  valid: [
    // Images whose own Dockerfile defines a HEALTHCHECK (knowledge/image-defaults.ts) pass it on.
    { name: 'a Jupyter notebook image with packages added', code: 'FROM quay.io/jupyter/minimal-notebook:2024-10-07\nRUN pip install --no-cache-dir pandas\n' },
    { name: 'Compose: Vaultwarden and Pi-hole images define their own check', code: 'services:\n  vault:\n    image: vaultwarden/server:1.32.5\n  dns:\n    image: pihole/pihole:2024.07.0\n' },
    {
      name: 'Compose: a build whose Dockerfile extends an image with a HEALTHCHECK',
      code: 'services:\n  vault:\n    build: ./vault\n',
      files: { '/work/project/vault/Dockerfile': 'FROM vaultwarden/server:1.32.5\nCOPY Rocket.toml /\n' },
    },
    { name: 'HEALTHCHECK in the final stage', code: 'FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n' },
    { name: 'lowercase, exec form, in a stage the final one builds on', code: 'FROM node:22 AS base\nhealthcheck CMD ["node", "check.js"]\nFROM base\nCMD ["node", "server.js"]\n' },
    { name: 'HEALTHCHECK NONE is no-disabled-healthcheck\'s job', code: 'FROM nginx:1.27\nHEALTHCHECK NONE\n' },
    { name: 'an empty file has no final stage', code: '# nothing yet\n' },
    { name: 'Compose: healthcheck in long and flow style', code: 'services:\n  a:\n    image: x:1\n    healthcheck:\n      test: ["CMD", "true"]\n  b: {image: y:1, healthcheck: {test: "exit 0"}}\n' },
    { name: 'Compose: disabled checks are no-disabled-healthcheck\'s job', code: 'services:\n  a:\n    image: x:1\n    healthcheck:\n      disable: true\n' },
    { name: 'Compose: healthcheck inherited through a merge key or extends', code: 'x-hc: &hc\n  healthcheck:\n    test: ["CMD", "true"]\nservices:\n  a:\n    <<: *hc\n    image: x:1\n  b:\n    extends: a\n' },
    {
      name: 'Compose: the built Dockerfile has a HEALTHCHECK',
      code: 'services:\n  app:\n    build: ./app\n',
      files: { '/work/project/app/Dockerfile': 'FROM node:22\nHEALTHCHECK CMD ["node", "hc.js"]\n' },
    },
    { name: 'Compose: the Dockerfile cannot be read, say nothing', code: 'services:\n  app:\n    build:\n      context: .\n      dockerfile: Dockerfile.prod\n' },
    { name: 'Compose: extends a service in another file', code: 'services:\n  app:\n    extends:\n      file: base.yaml\n      service: app\n' },
    { name: 'Compose: image from an unset variable', code: 'services:\n  app:\n    image: ${IMAGE}\n' },
    {
      name: 'Compose: build target stage has a HEALTHCHECK though the final stage does not',
      code: 'services:\n  app:\n    build: {context: ., target: prod}\n',
      files: { '/work/project/Dockerfile': 'FROM node:22 AS prod\nHEALTHCHECK CMD ["node", "hc.js"]\nFROM prod AS dev\nFROM node:22 AS test\n' },
    },
  ],
  invalid: [
    {
      name: 'missing: reported on the final FROM; the fix goes before CMD',
      code: 'FROM golang:1.23 AS build\nRUN go build -o /app\nFROM alpine:3.20\nCOPY --from=build /app /app\nCMD ["/app"]\n',
      errors: [{ messageId: 'dockerfile', at: '3:1-3:17', message: 'The final image defines no HEALTHCHECK, so a hung process still looks healthy; add a HEALTHCHECK that exercises the service' }],
      output: `FROM golang:1.23 AS build\nRUN go build -o /app\nFROM alpine:3.20\nCOPY --from=build /app /app\n${SNIPPET}\nCMD ["/app"]\n`,
    },
    {
      name: 'a HEALTHCHECK in a build stage does not count; no CMD: appended after the last instruction, continuation lines kept',
      code: 'FROM node:22 AS build\nHEALTHCHECK CMD true\nFROM node:22-slim\nRUN npm ci \\\n  --omit=dev',
      errors: [{ messageId: 'dockerfile', at: '3:1-3:18' }],
      output: `FROM node:22 AS build\nHEALTHCHECK CMD true\nFROM node:22-slim\nRUN npm ci \\\n  --omit=dev\n${SNIPPET}`,
    },
    {
      name: 'CRLF and indentation are kept',
      code: 'FROM nginx:1.27\r\n  ENTRYPOINT ["nginx", "-g", "daemon off;"]\r\n',
      errors: [{ messageId: 'dockerfile', at: '1:1-1:16' }],
      output: `FROM nginx:1.27\r\n  ${SNIPPET}\r\n  ENTRYPOINT ["nginx", "-g", "daemon off;"]\r\n`,
    },
    {
      name: 'Compose: image service gets a placeholder healthcheck block',
      code: 'services:\n  api:\n    image: ghcr.io/acme/api:2.3 # pinned\n',
      errors: [{ messageId: 'image', at: '2:3-2:6', message: 'Service "api" has no healthcheck; unless the image "ghcr.io/acme/api:2.3" defines one, a hung container looks healthy, so add a healthcheck' }],
      output: 'services:\n  api:\n    image: ghcr.io/acme/api:2.3 # pinned\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost/"]\n      interval: 30s\n      timeout: 5s\n      retries: 3\n',
    },
    {
      name: 'Compose: well-known image gets its usual check; flow style stays on one line',
      code: 'services:\n  cache: {image: "redis:7.4"}\n  db: {image: postgres:16}\n',
      errors: [
        { messageId: 'image', at: '2:3-2:8' },
        { messageId: 'image', at: '3:3-3:5' },
      ],
      output:
        'services:\n  cache: {image: "redis:7.4", healthcheck: {test: ["CMD", "redis-cli", "ping"], interval: 10s, timeout: 5s, retries: 5}}\n' +
        '  db: {image: postgres:16, healthcheck: {test: ["CMD-SHELL", "pg_isready -U $${POSTGRES_USER:-postgres}"], interval: 10s, timeout: 5s, retries: 5}}\n',
    },
    {
      name: 'Compose: the built Dockerfile has none; CRLF kept',
      code: 'services:\r\n  app:\r\n    build: ./app\r\n',
      files: { '/work/project/app/Dockerfile': 'FROM node:22\nCMD ["node", "server.js"]\n' },
      errors: [{ messageId: 'built', at: '2:3-2:6', message: 'Service "app" has no healthcheck, and its Dockerfile "app/Dockerfile" defines no HEALTHCHECK; add one so a hung container is detected' }],
      output: 'services:\r\n  app:\r\n    build: ./app\r\n    healthcheck:\r\n      test: ["CMD", "curl", "-f", "http://localhost/"]\r\n      interval: 30s\r\n      timeout: 5s\r\n      retries: 3\r\n',
    },
    {
      name: 'Compose: a service given through an alias is reported without a fix',
      code: 'x-svc: &svc\n  image: x:1\nservices:\n  a: *svc\n',
      errors: [{ messageId: 'image', at: '4:3-4:4' }],
    },
  ],
});
