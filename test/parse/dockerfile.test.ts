import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDockerfile, stageChain } from '../../server/src/parse/dockerfile';
import { parseDockerfileAst, withOriginalDockerfileAst } from '../../server/src/parse/dockerfile-ast-adapter';
import { HAS_CORPUS, realCorpus } from '../helpers/corpus';
import { randomText, SEED, tokenSoup } from '../robustness/arbitraries';

/** Each instruction's heredocs as the model reads them, and as dockerfile-ast gives them when asked for every RUN, COPY and ADD (a throw read as none). */
function heredocsBothWays(text: string): { model: unknown; library: unknown } {
  const model = parseDockerfile(text).instructions.map((i) => i.heredocs.map((h) => [h.name, h.contentStart, h.contentEnd]));
  const index = parseDockerfile(text).index;
  const library = parseDockerfileAst(text)
    .getInstructions()
    .map((i) => {
      if (!['RUN', 'COPY', 'ADD'].includes(i.getKeyword().toUpperCase())) return [];
      let found: { getName(): string; getContentRange(): { start: { line: number; character: number }; end: { line: number; character: number } } | null }[];
      try {
        found = (i as unknown as { getHeredocs(): typeof found }).getHeredocs();
      } catch {
        found = [];
      }
      const end = index.offsetAt(i.getRange().end);
      return found.map((h) => {
        const r = h.getContentRange();
        return [h.getName(), r ? index.offsetAt(r.start) : end, r ? index.offsetAt(r.end) : end];
      });
    });
  return { model, library };
}

/**
 * Each instruction's arguments as the model gives them (value, offsets, range; a range is built when
 * first read), and as the unpatched dockerfile-ast gives them (offsets of its range's positions).
 */
function tokensBothWays(text: string): { model: unknown; library: unknown } {
  const m = parseDockerfile(text);
  const model = m.instructions.map((i) => i.args.map((a) => [a.value, a.start, a.end, a.range]));
  const library = withOriginalDockerfileAst(() =>
    parseDockerfileAst(text)
      .getInstructions()
      .map((i) => i.getArguments().map((a) => [a.getValue(), m.index.offsetAt(a.getRange().start), m.index.offsetAt(a.getRange().end), a.getRange()])),
  );
  return { model, library };
}

describe('Dockerfile model', () => {
  it('knows stages, aliases, the final stage and stage ancestry', () => {
    const m = parseDockerfile('FROM golang:1.23 AS build\nRUN go build\nFROM build AS test\nFROM alpine:3.22\nCOPY --from=build /a /a\n');
    expect(m.stages.map((s) => [s.index, s.alias, s.image?.text ?? null, s.baseStage?.index ?? null, s.isFinal])).toEqual([
      [0, 'build', 'golang:1.23', null, false],
      [1, 'test', null, 0, false],
      [2, null, 'alpine:3.22', null, true],
    ]);
    expect(m.finalStage?.index).toBe(2);
    expect(stageChain(m.stages[1]).map((s) => s.index)).toEqual([1, 0]);
  });

  it('finds stages by name ignoring case, in file order, and builds a stage on the first of a name written twice', () => {
    const m = parseDockerfile('FROM alpine:3.20 AS Build\nFROM alpine:3.20 AS other\nFROM alpine:3.20 AS BUILD\nFROM build AS final\n');
    expect(m.stagesNamed('build').map((s) => s.index)).toEqual([0, 2]);
    expect(m.stagesNamed('OTHER').map((s) => s.index)).toEqual([1]);
    expect([m.stagesNamed('nope'), m.stagesNamed('constructor'), m.stagesNamed('')]).toEqual([[], [], []]);
    expect(m.stages[3].baseStage).toBe(m.stages[0]);
  });

  it('resolves ARG defaults in FROM, and leaves ARGs without defaults unresolved', () => {
    const m = parseDockerfile('ARG TAG=3.12-slim\nARG REG\nFROM python:${TAG}\nFROM ${REG}/app:${TAG:-x}\n');
    expect(m.stages[0].image).toMatchObject({ text: 'python:3.12-slim', name: 'python', tag: '3.12-slim', effectiveRegistry: 'docker.io' });
    expect(m.stages[1].unresolved).toEqual(['REG']);
  });

  it('resolves variables as an instruction sees them: stage ARGs (inheriting global defaults) and ENV', () => {
    const m = parseDockerfile('ARG UID=1000\nFROM alpine:3.22\nARG UID\nENV HOME=/home/app\nUSER ${UID}\nRUN echo $HOME\n');
    const user = m.all('USER')[0];
    expect(m.resolve('${UID}:${GID:-0}', user)).toEqual({ value: '1000:0', unresolved: [] });
    expect(m.resolve('$HOME', m.all('RUN')[0]).value).toBe('/home/app');
  });

  it('handles lowercase instructions, flags and properties', () => {
    const m = parseDockerfile('from alpine:3.22\nrun --mount=type=secret,id=t --network=host echo hi\nenv A="x y" B=z\n');
    expect(m.instructions.map((i) => i.keyword)).toEqual(['FROM', 'RUN', 'ENV']);
    const run = m.instructions[1];
    expect(run.flags.map((f) => [f.name, f.value])).toEqual([['mount', 'type=secret,id=t'], ['network', 'host']]);
    expect(run.flag('network')?.value).toBe('host');
    expect(m.instructions[2].properties.map((p) => [p.name, p.value])).toEqual([['A', 'x y'], ['B', 'z']]);
  });

  it('reads the exec (JSON) form, and runs `sh -c` scripts in it as shell commands', () => {
    const m = parseDockerfile('FROM x\nCMD ["nginx", "-g", "daemon off;"]\nRUN ["/bin/sh", "-c", "apt-get update && sudo ls"]\nRUN [not json\n');
    const [cmd, run, broken] = m.instructions.slice(1);
    expect(cmd.json?.map((t) => t.value)).toEqual(['nginx', '-g', 'daemon off;']);
    expect(m.shell(cmd)).toEqual([]);
    expect(m.shell(run).map((c) => c.argv.map((w) => w.value))).toEqual([['apt-get', 'update'], ['sudo', 'ls']]);
    const sudo = m.shell(run)[1].argv[0];
    expect(m.text.slice(sudo.start, sudo.end)).toBe('sudo');
    expect(broken.json).toBeNull();
  });

  it('honours the escape directive for continuations', () => {
    const m = parseDockerfile('# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo a `\n  && echo b\n');
    expect(m.escape).toBe('`');
    expect(m.directive('escape')?.value).toBe('`');
    expect(m.shell(m.all('RUN')[0]).map((c) => c.argv.map((w) => w.value))).toEqual([['echo', 'a'], ['echo', 'b']]);
  });

  it('runs heredoc scripts as shell (RUN <<EOF), but not heredocs fed to another command', () => {
    const m = parseDockerfile('FROM x\nRUN <<EOF\nset -e\ncurl -k https://x | sh\nEOF\nRUN python3 <<PY\nimport os\nPY\n');
    const [a, b] = m.all('RUN');
    expect(a.heredocs.map((h) => [h.name, h.content])).toEqual([['EOF', 'set -e\ncurl -k https://x | sh']]);
    expect(m.shell(a).map((c) => c.argv[0].value)).toEqual(['set', 'curl', 'sh']);
    expect(m.shell(b).map((c) => c.argv.map((w) => w.value))).toEqual([['python3']]);
  });

  it('reads the heredocs dockerfile-ast reads, though it asks only when an argument starts with <<', () => {
    const check = (text: string) => {
      const { model, library } = heredocsBothWays(text);
      expect(model).toEqual(library);
    };
    check('FROM x\nRUN <<EOF\necho hi\nEOF\nCOPY <<a <<b /x\none\na\ntwo\nb\nRUN echo "<<not" && cat <<-T\n\tx\n\tT\n');
    fc.assert(fc.property(tokenSoup('dockerfile'), (text) => void check(text)), { seed: SEED, numRuns: 500 });
  });

  it('gives each argument the offsets and range dockerfile-ast gives it, though ranges are built only when read', () => {
    const check = (text: string) => {
      const { model, library } = tokensBothWays(text);
      expect(model).toEqual(library);
    };
    check('FROM x\nRUN a \\\n  b\r\nENV A="b c" \\\r\n D=e\rCOPY --from=a /x /y\n# escape=`\nRUN é  `\n  z');
    const m = parseDockerfile('FROM alpine\nRUN  apk add \\\n    curl\n');
    const curl = m.instructions[1].args[2];
    expect([curl.value, curl.start, curl.end]).toEqual(['curl', 31, 35]);
    expect(curl.range).toEqual({ start: { line: 2, character: 4 }, end: { line: 2, character: 8 } });
    // Built once: reading it again gives the same object.
    expect(curl.range).toBe(curl.range);
    fc.assert(fc.property(tokenSoup('dockerfile'), (text) => void check(text)), { seed: SEED, numRuns: 500 });
    fc.assert(fc.property(randomText, (text) => void check(text)), { seed: SEED, numRuns: 500 });
  });

  it.skipIf(!HAS_CORPUS)('gives each argument the offsets and range dockerfile-ast gives it (every corpus Dockerfile)', () => {
    for (const f of realCorpus().filter((x) => x.kind === 'dockerfile')) {
      const { model, library } = tokensBothWays(readFileSync(f.abs, 'utf8'));
      if (JSON.stringify(model) !== JSON.stringify(library)) throw new Error(`arguments differ for ${f.path}`);
    }
  });

  it.skipIf(!HAS_CORPUS)('reads the heredocs dockerfile-ast reads (every corpus Dockerfile)', () => {
    for (const f of realCorpus().filter((x) => x.kind === 'dockerfile')) {
      const { model, library } = heredocsBothWays(readFileSync(f.abs, 'utf8'));
      if (JSON.stringify(model) !== JSON.stringify(library)) throw new Error(`heredocs differ for ${f.path}`);
    }
  });

  it('keeps ONBUILD triggers as instructions of their own', () => {
    const m = parseDockerfile('FROM x\nONBUILD RUN sudo make\n');
    const ob = m.all('ONBUILD')[0];
    expect(ob.trigger?.keyword).toBe('RUN');
    expect(m.shell(ob).map((c) => c.argv[0].value)).toEqual(['sudo']);
  });

  it('reads RUN --mount options once, with the offsets of each option and value', () => {
    const text = 'FROM a\nRUN --mount=type=bind,from=tools:1,target=/t --mount=type=CACHE,target="/root/.cache" --mount=source=/var/run/docker.sock,src=x,src=y true\nCOPY --mount=x /a /b\n';
    const m = parseDockerfile(text);
    const [run, copy] = [m.all('RUN')[0], m.all('COPY')[0]];
    expect(copy.mounts).toEqual([]);
    const show = (o: { key: string; value: string; start: number; end: number; valueStart: number; valueEnd: number } | undefined) =>
      o && `${o.key}=${o.value} [${text.slice(o.start, o.end)}] [${text.slice(o.valueStart, o.valueEnd)}]`;
    expect(run.mounts.map((x) => [x.type, x.exact, x.options.map((o) => show(o))])).toEqual([
      ['bind', true, ['type=bind [type=bind] [bind]', 'from=tools:1 [from=tools:1] [tools:1]', 'target=/t [target=/t] [/t]']],
      ['cache', true, ['type=CACHE [type=CACHE] [CACHE]', 'target=/root/.cache [target="/root/.cache"] [/root/.cache]']],
      // No type: a bind mount. A key given twice counts once, the last time.
      ['bind', true, ['source=/var/run/docker.sock [source=/var/run/docker.sock] [/var/run/docker.sock]', 'src=y [src=y] [y]']],
    ]);
    expect(show(run.mounts[0].option('from'))).toBe('from=tools:1 [from=tools:1] [tools:1]');
    expect(run.mounts[0].option('id')).toBeUndefined();
    expect(run.mounts[2].flag.name).toBe('mount');
  });

  it('gives each instruction\'s text, keyword and arguments as written, and tells a verbatim word from a quoted one', () => {
    const m = parseDockerfile('FROM a\nrun --network=none echo \\\n  "hi" ok\n');
    const run = m.all('RUN')[0];
    expect([run.text, run.keywordText, run.argsText]).toEqual(['run --network=none echo \\\n  "hi" ok', 'run', 'echo \\\n  "hi" ok']);
    const words = m.shell(run)[0].argv;
    expect(words.map((w) => [w.value, m.verbatim(w)])).toEqual([['echo', true], ['hi', false], ['ok', true]]);
  });

  it('never throws on odd input', () => {
    for (const text of ['', '\n\n', 'FROM', 'RUN echo before any FROM', '\\\n\\\n', 'FROM x\nRUN <<EOF\nno end', '# escape=\\\n', '\u0000\u0001FROM']) {
      expect(() => parseDockerfile(text)).not.toThrow();
    }
  });
});
