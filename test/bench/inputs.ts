import { readFileSync } from 'node:fs';
import type { Target } from '../../server/src/core/types';
import { realCorpus } from '../helpers/corpus';

/** Inputs shared by every benchmark: the real corpus, its p90-size and largest files, generated files. */

export interface Doc {
  path: string;
  kind: Target;
  text: string;
}

export function corpus(kind?: Target): Doc[] {
  return realCorpus()
    .filter((f) => !kind || f.kind === kind)
    .map((f) => ({ path: f.abs, kind: f.kind, text: readFileSync(f.abs, 'utf8') }));
}

/** The file at the 90th percentile of size, and the largest file, of one kind. */
export function p90AndLargest(kind: Target): { p90: Doc; largest: Doc } {
  const docs = corpus(kind).sort((a, b) => a.text.length - b.text.length);
  return { p90: docs[Math.floor(docs.length * 0.9)], largest: docs[docs.length - 1] };
}

/** A Dockerfile of exactly `lines` lines, made of whole corpus Dockerfiles one after another. */
export function generatedDockerfile(lines: number): string {
  const out: string[] = [];
  for (;;) {
    for (const d of corpus('dockerfile')) {
      for (const line of d.text.split('\n')) {
        out.push(line);
        if (out.length === lines) return out.join('\n') + '\n';
      }
    }
  }
}

/** A Compose file with `services` services, each with the usual keys. */
export function generatedCompose(services: number): string {
  const out = ['services:'];
  for (let i = 0; i < services; i++) {
    out.push(
      `  svc${i}:`,
      `    image: registry.example.com/team/app${i % 50}:1.${i % 20}.0`,
      '    restart: unless-stopped',
      '    ports:',
      `      - "${8000 + (i % 1000)}:80"`,
      '    environment:',
      `      APP_NAME: svc${i}`,
      '      LOG_LEVEL: info',
      '    volumes:',
      `      - ./data/svc${i}:/var/lib/app`,
      ...(i > 0 ? ['    depends_on:', `      - svc${i - 1}`] : []),
    );
  }
  return out.join('\n') + '\n';
}
