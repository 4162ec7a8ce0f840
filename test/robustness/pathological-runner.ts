// Child-process entry (bundled by isolated-runs.ts): lints the pathological inputs whose indices it
// is given, one after another, and prints one JSON line per input with its time and memory.
import { lintDetailed } from '../../server/src/engine/lint';
import { PATHOLOGICAL, verdict } from './pathological-inputs';

for (const i of process.argv.slice(2).map(Number)) {
  const p = PATHOLOGICAL[i];
  const text = p.text();
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = performance.now();
  let line: Record<string, unknown>;
  try {
    const r = lintDetailed({ text, kind: p.kind, uri: p.kind === 'compose' ? '/robustness/compose.yaml' : p.kind === 'devcontainer' ? '/robustness/.devcontainer/devcontainer.json' : '/robustness/Dockerfile' }, p.config);
    const ms = performance.now() - t0;
    const whole = r.findings.length === 1 ? r.findings[0].ruleId : null;
    line = { i, ms, chars: text.length, findings: r.findings.length, whole, problem: verdict(p, r) };
  } catch (e) {
    line = { i, ms: performance.now() - t0, chars: text.length, problem: `lint threw: ${e instanceof Error ? e.stack : String(e)}` };
  }
  line.rss = process.memoryUsage().rss;
  line.peakRss = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify(line) + '\n');
}
