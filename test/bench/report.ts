import type { Latency } from './lsp';
import type { Timing } from './timing';

/** The benchmark report: figures, ratios and each target met or not, as a table and as docs/benchmarks.md. */

export interface Scale {
  kind: 'dockerfile' | 'compose';
  size: number;
  floor: Timing;
  bulkhead: Timing;
}

export interface BundleMeasure {
  name: string;
  value: number;
  unit: 'bytes' | 'ms';
  target: number;
}

export interface Results {
  machine: { date: string; load?: string; node: string; cpu: string; memory: string; versions: Record<string, string>; rounds: number; quick: boolean };
  corpus: {
    files: { dockerfile: number; compose: number };
    dockerfileFloor: Timing;
    dockerfileBulkhead: Timing & { findings: number };
    dockerfileUtils: Timing;
    composeFloor: Timing;
    composeBulkhead: Timing & { findings: number };
    dclint: Timing | null;
  };
  /** Whole processes over the corpus, spawn to exit. */
  process: { floor: Timing; check: Timing };
  latency: Latency[];
  scale: Scale[];
  memory: { documents: number; rssBytes: number; baselineRssBytes: number };
  bundles: { measures: BundleMeasure[] };
}

const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 2 : 0)} ms`);
const ratio = (x: number) => `${x.toFixed(2)}×`;
const mb = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;

interface Target {
  what: string;
  figure: string;
  target: string;
  met: boolean;
}

/**
 * Work compared between processes: by CPU time when both processes report it (a shared machine's
 * load stretches wall clock, not the work done), else by wall clock.
 */
export function rel(x: Timing, base: Timing): number {
  return Number.isFinite(x.cpuMs) && Number.isFinite(base.cpuMs) && base.cpuMs > 0 ? x.cpuMs / base.cpuMs : x.ms / base.ms;
}

export function targets(r: Results): Target[] {
  const c = r.corpus;
  const df = rel(c.dockerfileBulkhead, c.dockerfileFloor);
  const dc = rel(c.composeBulkhead, c.composeFloor);
  const utils = rel(c.dockerfileUtils, c.dockerfileBulkhead);
  const out: Target[] = [
    { what: 'Dockerfiles: whole-corpus analysis / parse floor (CPU time)', figure: ratio(df), target: '≤ 1.30×', met: df <= 1.3 },
    { what: 'Compose files: whole-corpus analysis / parse floor (CPU time)', figure: ratio(dc), target: '≤ 1.30×', met: dc <= 1.3 },
    { what: 'Dockerfiles: speed-up over dockerfile-utils validate (CPU time)', figure: ratio(utils), target: '≥ 2.5×', met: utils >= 2.5 },
  ];
  const p = rel(r.process.check, r.process.floor);
  out.push({ what: 'Whole process: `bulkhead check` of the corpus / the parse floor as one process (CPU time)', figure: ratio(p), target: '≤ 1.50×', met: p <= 1.5 });
  if (c.dclint) out.push({ what: 'Compose files: speed-up over the dclint CLI', figure: ratio(c.dclint.ms / c.composeBulkhead.ms), target: '≥ 30×', met: c.dclint.ms / c.composeBulkhead.ms >= 30 });
  const pair = (file: string, peer: string) => {
    const b = r.latency.find((l) => l.file === file && l.server === 'Bulkhead')!;
    const p = r.latency.find((l) => l.file === file && l.server === peer)!;
    out.push({ what: `LSP p95 edit → diagnostics, ${file}: Bulkhead / ${peer}`, figure: `${ms(b.p95Ms)} / ${ms(p.p95Ms)} = ${ratio(b.p95Ms / p.p95Ms)}`, target: '≤ 0.50×', met: b.p95Ms / p.p95Ms <= 0.5 });
  };
  pair('p90 Dockerfile', 'dockerfile-language-server-nodejs');
  pair('largest Dockerfile', 'dockerfile-language-server-nodejs');
  pair('p90 Compose file', '@microsoft/compose-language-service');
  for (const kind of ['dockerfile', 'compose'] as const) {
    const rows = r.scale.filter((s) => s.kind === kind);
    const first = rows[0];
    const last = rows[rows.length - 1];
    const per = (s: Scale) => s.bulkhead.ms / s.size;
    const unit = kind === 'dockerfile' ? 'line' : 'service';
    out.push({
      what: `Scaling (${kind}): cost per ${unit} at ${last.size.toLocaleString('en')} / at ${first.size.toLocaleString('en')} ${unit}s`,
      figure: ratio(per(last) / per(first)),
      target: '≤ 2.00×',
      met: per(last) / per(first) <= 2,
    });
  }
  out.push({ what: `Server memory (resident) with ${r.memory.documents} documents open`, figure: mb(r.memory.rssBytes), target: '≤ 80.0 MiB', met: r.memory.rssBytes <= 80 * 2 ** 20 });
  const vsix = r.bundles.measures.find((m) => m.name.startsWith('VSIX'));
  if (vsix) out.push({ what: 'VSIX size', figure: `${(vsix.value / 1024).toFixed(0)} KiB`, target: '≤ 1,024 KiB', met: vsix.value <= 1024 * 1024 });
  return out;
}

export function renderReport(r: Results, profileNotes: string): { table: string; markdown: string } {
  const c = r.corpus;
  const t = targets(r);
  const lines: string[] = [];
  lines.push('## Targets', '', '| Target | Measured | Goal | Met |', '|---|---|---|---|');
  for (const x of t) lines.push(`| ${x.what} | ${x.figure} | ${x.target} | ${x.met ? 'yes' : '**no**'} |`);
  lines.push('', '## Whole corpus', '');
  lines.push(`${c.files.dockerfile} Dockerfiles and ${c.files.compose} Compose files from \`../shared/corpus/real\`; medians of ${r.machine.rounds} rounds after a warm-up, each tool in its own process (wall clock; CPU time of that process in brackets). Ratios are of CPU time where both sides report it (dclint's is wall clock): on a shared machine another process's load stretches the wall clock, not the work.`, '');
  lines.push('| Work | Tool | Time | Ratio |', '|---|---|---|---|');
  const row = (work: string, tool: string, x: Timing, base: Timing) => lines.push(`| ${work} | ${tool} | ${ms(x.ms)}${Number.isFinite(x.cpuMs) ? ` (${ms(x.cpuMs)} CPU)` : ''} | ${ratio(rel(x, base))} of the floor |`);
  row('parse every Dockerfile', 'dockerfile-ast `parse` (the floor)', c.dockerfileFloor, c.dockerfileFloor);
  row('lint every Dockerfile', `Bulkhead, every default rule (${c.dockerfileBulkhead.findings} findings)`, c.dockerfileBulkhead, c.dockerfileFloor);
  row('lint every Dockerfile', 'dockerfile-utils `validate`', c.dockerfileUtils, c.dockerfileFloor);
  row('parse every Compose file', 'yaml `parseDocument`, ES module build (the floor)', c.composeFloor, c.composeFloor);
  row('lint every Compose file', `Bulkhead, every default rule (${c.composeBulkhead.findings} findings)`, c.composeBulkhead, c.composeFloor);
  if (c.dclint) row('lint every Compose file', `dclint CLI (one process, ${c.dclint.rounds} runs)`, c.dclint, c.composeFloor);
  lines.push('', `Whole processes over the same corpus, spawn to exit (median of ${r.process.floor.rounds} runs after a warm-up run; CPU time of the process in brackets):`, '');
  lines.push('| Work | Process | Time | Ratio |', '|---|---|---|---|');
  const proc = (work: string, tool: string, x: Timing) => lines.push(`| ${work} | ${tool} | ${ms(x.ms)}${Number.isFinite(x.cpuMs) ? ` (${ms(x.cpuMs)} CPU)` : ''} | ${ratio(rel(x, r.process.floor))} |`);
  proc('read and parse every corpus Dockerfile and Compose file (the floor)', 'node + dockerfile-ast + yaml', r.process.floor);
  proc('check the corpus directory, text output', '`bulkhead check ../shared/corpus/real --fail-on never`', r.process.check);
  lines.push('', '## Edit → diagnostics over stdio (200 edits)', '', '| File | Server | Lines | Median | p95 |', '|---|---|---|---|---|');
  for (const l of r.latency) lines.push(`| ${l.file} | ${l.server} | ${l.lines} | ${ms(l.medianMs)} | ${ms(l.p95Ms)} |`);
  lines.push('', 'Bulkhead runs with `initializationOptions: {"debounceMs": 0}` and compose-language-service with `{"diagnosticDelay": 0}`, so neither waits before analysing.');
  lines.push('', '## Scaling on generated inputs', '', '| Input | Floor | Bulkhead | Bulkhead per unit |', '|---|---|---|---|');
  for (const s of r.scale) {
    const unit = s.kind === 'dockerfile' ? 'line' : 'service';
    lines.push(`| ${s.kind === 'dockerfile' ? 'Dockerfile' : 'Compose file'}, ${s.size.toLocaleString('en')} ${unit}s | ${ms(s.floor.ms)} | ${ms(s.bulkhead.ms)} | ${((s.bulkhead.ms * 1000) / s.size).toFixed(1)} µs |`);
  }
  lines.push('', 'Dockerfiles are whole corpus Dockerfiles one after another (many stages, many comments); Compose files repeat a service with the usual keys. The floor is the same library call as above.');
  lines.push('', '## Memory', '', `Bulkhead's server with ${r.memory.documents} documents open and analysed: ${mb(r.memory.rssBytes)} resident (${mb(r.memory.baselineRssBytes)} right after start).`);
  lines.push('', '## Bundles, VSIX and activation', '', '| Measure | Value | Target |', '|---|---|---|');
  for (const m of r.bundles.measures) {
    const f = (v: number) => (m.unit === 'bytes' ? `${(v / 1024).toFixed(1)} KiB` : ms(v));
    lines.push(`| ${m.name} | ${f(m.value)} | ≤ ${f(m.target)} |`);
  }
  lines.push('', 'The client never loads the server bundle: it starts `dist/server.js` in its own Node process (IPC), or `dist/browser/server.js` in a web worker, so activation costs only the client module.');
  const table = lines.join('\n');
  const v = r.machine.versions;
  const markdown = [
    '<!-- Generated by `npm run bench`; the profile notes come from test/bench/profile.md. -->',
    '',
    '# Benchmarks',
    '',
    `Measured on ${r.machine.date} with Node ${r.machine.node} on ${r.machine.cpu}, ${r.machine.memory}${r.machine.load ? ` (load average ${r.machine.load}: the machine is shared, and wall-clock figures move with its load)` : ''}. Versions: Bulkhead ${v.bulkhead}, dockerfile-ast ${v['dockerfile-ast']}, yaml ${v.yaml}, dockerfile-utils ${v['dockerfile-utils']}, dclint ${v.dclint}, dockerfile-language-server-nodejs ${v['dockerfile-language-server-nodejs']}, @microsoft/compose-language-service ${v['@microsoft/compose-language-service']}.`,
    '',
    `Targets met: ${t.filter((x) => x.met).length} of ${t.length}.`,
    '',
    table,
    '',
    profileNotes.trim(),
    '',
  ].join('\n');
  return { table, markdown };
}
