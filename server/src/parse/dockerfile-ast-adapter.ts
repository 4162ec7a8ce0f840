import { DockerfileParser, Instruction, type Dockerfile } from 'dockerfile-ast';
import { Dockerfile as DockerfileClass } from 'dockerfile-ast/lib/dockerfile';
import type { Range } from '../core/types';
import { rawArguments } from './dockerfile-ast-arguments';

/**
 * A small adapter that removes two costs of dockerfile-ast 0.7.1 without changing what it returns
 * (measured in docs/benchmarks.md):
 *
 * 1. `Instruction.getRawArguments()` re-tokenises the instruction's text on every call, and the
 *    library calls it many times per instruction (the JSON instructions' constructor, `getFlags`,
 *    `getArguments` of modifiable instructions, `getProperties`...). An instruction's text never
 *    changes after parsing, so the tokens are computed once and a copy is returned each time
 *    (callers such as `ModifiableInstruction.getArguments` shift the array they get). They are
 *    computed by `dockerfile-ast-arguments.ts`, the library's tokeniser rewritten to allocate less.
 *
 * 2. `Dockerfile.organizeComments()` tests every comment against every build stage, asking each
 *    stage for its range on every test: stages x comments work, which makes a 100,000-line file
 *    take seconds. Stage ranges do not overlap and come in file order, so one pass with the
 *    ranges computed once assigns each comment to the same stage as before.
 *
 * The patches are applied once, to the copy of dockerfile-ast bundled with Bulkhead.
 */

const PATCHED = Symbol.for('bulkhead.dockerfile-ast.patched');
type Proto = Record<PropertyKey, unknown>;

interface Positioned {
  getRange(): Range;
}

interface DockerfileInternals {
  getComments(): (Positioned & object)[];
  initialInstructions: Positioned & { getInstructions(): unknown[]; addComment(c: unknown): void };
  buildStages: (Positioned & { addComment(c: unknown): void })[];
}

function before(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function inside(p: Range['start'], r: Range): boolean {
  return !before(p, r.start) && !before(r.end, p);
}

/** The library's own implementations, kept so tests can check that the patched ones agree. */
export const ORIGINALS: { getRawArguments?: unknown; organizeComments?: unknown } = {};

/** Runs `fn` with dockerfile-ast's original methods (for the equivalence test only). */
export function withOriginalDockerfileAst<T>(fn: () => T): T {
  const ip = Instruction.prototype as unknown as Proto;
  const dp = DockerfileClass.prototype as unknown as Proto;
  const patched = { getRawArguments: ip.getRawArguments, organizeComments: dp.organizeComments };
  ip.getRawArguments = ORIGINALS.getRawArguments;
  dp.organizeComments = ORIGINALS.organizeComments;
  try {
    return fn();
  } finally {
    ip.getRawArguments = patched.getRawArguments;
    dp.organizeComments = patched.organizeComments;
  }
}

export function patchDockerfileAst(): void {
  const instructionProto = Instruction.prototype as unknown as Proto;
  if (instructionProto[PATCHED]) return;
  instructionProto[PATCHED] = true;
  ORIGINALS.getRawArguments = instructionProto.getRawArguments;
  ORIGINALS.organizeComments = (DockerfileClass.prototype as unknown as Proto).organizeComments;

  const ARGS = Symbol('bulkhead.arguments');
  instructionProto.getRawArguments = function getRawArguments(this: Record<symbol, unknown[] | undefined>): unknown[] {
    let args = this[ARGS];
    if (!args) args = this[ARGS] = rawArguments.call(this as never);
    return args.slice();
  };

  (DockerfileClass.prototype as unknown as Proto).organizeComments = function organizeComments(this: DockerfileInternals): void {
    const comments = this.getComments();
    if (comments.length === 0) return;
    const initial = this.initialInstructions.getInstructions().length > 0 ? this.initialInstructions.getRange() : null;
    const stages = this.buildStages.map((s) => ({ stage: s, range: s.getRange() }));
    let k = 0;
    for (const comment of comments) {
      const r = comment.getRange();
      if (initial && inside(r.end, initial)) {
        this.initialInstructions.addComment(comment);
        continue;
      }
      // Comments come in file order, and so do the stages: advance past stages that end before it.
      while (k < stages.length && before(stages[k].range.end, r.start)) k++;
      if (k < stages.length && inside(r.start, stages[k].range)) stages[k].stage.addComment(comment);
    }
  };
}

patchDockerfileAst();

export function parseDockerfileAst(text: string): Dockerfile {
  return DockerfileParser.parse(text);
}
