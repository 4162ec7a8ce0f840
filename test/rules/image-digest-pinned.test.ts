import rule from '../../server/src/rules/image-digest-pinned';
import { testRule } from '../helpers/rule-tester';

const D = '@sha256:' + 'a'.repeat(64);

testRule(rule, {
  valid: [
    { name: 'digest with and without a tag', code: `FROM python:3.12-slim${D}\nFROM alpine${D}\n` },
    { name: 'scratch, stages and stage references', code: `FROM golang:1.23${D} AS build\nFROM scratch\nCOPY --from=build /a /a\nRUN --mount=type=cache,target=/c --mount=from=build,target=/b true\n` },
    { name: 'unresolved variables are not judged', code: 'ARG BASE\nFROM ${BASE}\n' },
    { name: 'ARG default with a digest', code: `ARG BASE=node:22${D}\nFROM $BASE\n` },
    { name: 'Compose: digest, build service, unset variable', code: `services:\n  a:\n    image: redis:7${D}\n  b:\n    build: .\n    image: acme/b:1\n  c:\n    image: \${IMG}\n` },
  ],
  invalid: [
    {
      name: 'FROM with a tag only; the image token is underlined; lowercase; continuation',
      code: 'from --platform=linux/amd64 \\\n  python:3.12-slim AS app\n',
      errors: [{ messageId: 'unpinned', at: '2:3-2:19', message: 'Image "python:3.12-slim" is not pinned to a digest, so its content can change under the same tag; add "@sha256:<digest>"' }],
    },
    {
      name: 'ARG default without a digest, COPY --from and RUN --mount from an image',
      code: `ARG BASE=node:22\nFROM \${BASE}\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\nRUN --mount=type=bind,from=ghcr.io/acme/tools:2,target=/t /t/run\n`,
      errors: [
        { messageId: 'unpinned', at: '2:6-2:13', message: 'Image "node:22" is not pinned to a digest, so its content can change under the same tag; add "@sha256:<digest>"' },
        { messageId: 'unpinned', at: '3:13-3:23' },
        { messageId: 'unpinned', at: '4:28-4:48' },
      ],
    },
    {
      name: 'Compose: quoted, flow style, interpolation default, merge key',
      code: 'x-b: &b\n  image: quay.io/a/b:1\nservices:\n  a:\n    image: "postgres:16"\n  b: {image: redis}\n  c:\n    image: ${IMG:-mysql:8.4}\n  d:\n    <<: *b\n',
      errors: [
        { messageId: 'unpinned', at: '5:13-5:24' },
        { messageId: 'unpinned', at: '6:14-6:19' },
        { messageId: 'unpinned', at: '8:12-8:29' },
        { messageId: 'unpinned', at: '10:5-10:11' },
      ],
    },
  ],
});
