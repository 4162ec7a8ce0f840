import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { debugListeners, mayStartDebugger, optionTokens } from '../../server/src/knowledge/debuggers';
import { SEED } from '../robustness/arbitraries';

/**
 * `mayStartDebugger` lets a rule skip tokenising an environment value that cannot set up a
 * debugger. It must never say no to a text in which `debugListeners` finds one.
 */
const LISTENING = [
  '--inspect=0.0.0.0:9229',
  '-agentlib:jdwp=transport=dt_socket,server=y,address=*:5005',
  '-Xrunjdwp:server=y,address=5005',
  '--remote-debugging-address=0.0.0.0',
  'python -m debugpy --listen 0.0.0.0:5678 app.py',
  'ptvsd --host 0.0.0.0',
  '/go/bin/dlv --headless --listen=:2345 exec app',
  'rdbg --open --host 0.0.0.0',
  'gdbserver 0.0.0.0:1234 ./app',
];

describe('mayStartDebugger', () => {
  const listens = (text: string, legacyJava: boolean) => debugListeners(optionTokens(text, 0), { legacyJava }).length > 0;

  it('says yes to each way a debugger is told to listen on every interface', () => {
    const texts = LISTENING;
    for (const t of texts) {
      expect(listens(t, true), t).toBe(true);
      expect(mayStartDebugger(t), t).toBe(true);
    }
  });

  it('says no to values without any debugger word', () => {
    for (const t of ['-Xmx1g -Dfile.encoding=UTF-8', 'postgres://db:5432/app', '--max-old-space-size=4096', 'INSPECT=0.0.0.0', 'DLV', '']) expect(mayStartDebugger(t), t).toBe(false);
  });

  it('never says no where debugListeners finds a listener (seeded: listening texts cut, joined and padded)', () => {
    const base = fc.constantFrom(...LISTENING);
    const word = fc.constantFrom('', ' ', '-Xmx1g', 'node', 'app.js', '--inspect', 'debug', 'dlv', '0.0.0.0', ':', '=', '/', '${X:-', '}', '"');
    // A listening text with up to three characters cut out (near misses), between other words.
    const text = fc
      .tuple(fc.array(word, { maxLength: 4 }), base, fc.array(fc.nat(), { maxLength: 3 }), fc.array(word, { maxLength: 4 }))
      .map(([before, t, cuts, after]) => {
        let x = t;
        for (const c of cuts) if (x.length > 0) x = x.slice(0, c % x.length) + x.slice((c % x.length) + 1);
        return [...before, x, ...after].join(' ');
      });
    let found = 0;
    fc.assert(
      fc.property(text, fc.boolean(), (t, legacyJava) => {
        if (!listens(t, legacyJava)) return true;
        found++;
        return mayStartDebugger(t);
      }),
      { seed: SEED, numRuns: 5_000 },
    );
    // The texts do reach the listeners, so the property is not true only for want of them.
    expect(found).toBeGreaterThan(1_000);
  });
});
