import { describe, expect, it } from 'vitest';
import { composeImages, dockerfileImages } from '../../server/src/knowledge/image-uses';
import { parseCompose } from '../../server/src/parse/compose';
import { parseDockerfile } from '../../server/src/parse/dockerfile';

const at = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
  `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;

describe('dockerfileImages', () => {
  it('lists FROM, COPY --from and mount images; skips stages, scratch and unresolved variables', () => {
    const model = parseDockerfile(
      'ARG V=3.20\nFROM alpine:${V} AS a\nFROM scratch\nFROM a\nCOPY --from=a /x /x\nCOPY --from=nginx:1.27 /y /y\nRUN --mount=from=busybox:1,target=/b true\nFROM ${UNSET}\n',
    );
    const uses = dockerfileImages(model).map((u) => `${u.where} ${u.ref.text} ${at(u.range)} ${u.start === null ? 'resolved' : 'literal'}`);
    expect(uses).toEqual(['from alpine:3.20 2:6-2:17 resolved', 'copy nginx:1.27 6:13-6:23 literal', 'mount busybox:1 7:18-7:27 literal']);
  });
});

describe('composeImages', () => {
  it('reports the value without quotes, the << entry for inherited values, and skips build services', () => {
    const model = parseCompose('x: &x\n  image: b:1\nservices:\n  a:\n    image: "a:1"\n  b:\n    <<: *x\n  c:\n    build: .\n    image: c:1\n');
    expect(composeImages(model).map((u) => `${u.service!.name} ${u.ref.text} ${at(u.range)} ${u.start === null ? '-' : 'literal'}`)).toEqual([
      'a a:1 5:13-5:16 literal',
      'b b:1 7:5-7:11 -',
    ]);
  });
});
