import { entryOf } from '../core/entry';
import type { TextEdit } from '../core/types';
import { stageChain, type DfInstruction, type DockerfileModel, type Stage } from '../parse/dockerfile';
import { baseName, effectiveArgv } from '../parse/shell';
import { parseOptions } from '../knowledge/cli-options';
import { instructionCommands } from '../knowledge/commands';
import { imageFamily } from '../knowledge/image-family';
import { indentOf, insertLinesAfter, keywordLike, replace } from '../edit/dockerfile-edits';

/**
 * What the `non-root-user` fix inserts to switch the final stage to an unprivileged user: the user
 * a build step already creates (`RUN useradd ... app` -> `USER app`), or one created for the base
 * image (see `imageFamily`), or a numeric id where no tool or passwd file can be relied on.
 */
export interface UserPlan {
  /** Lines to insert before the USER line (creating the user), possibly none. */
  create: string[];
  /** The USER argument. */
  user: string;
  title: string;
}

const UID = 10001;
const CREATE: Record<string, string> = {
  debian: `RUN groupadd --system --gid ${UID} app && useradd --system --uid ${UID} --gid app --no-create-home app`,
  rhel: `RUN groupadd --system --gid ${UID} app && useradd --system --uid ${UID} --gid app --no-create-home app`,
  alpine: `RUN addgroup -S -g ${UID} app && adduser -S -D -H -u ${UID} -G app app`,
  busybox: `RUN addgroup -S -g ${UID} app && adduser -S -D -H -u ${UID} -G app app`,
};

const USER_TOOL = { shortValue: 'bcdefgGhkKpPRsuZ', longValue: ['base-dir', 'comment', 'home-dir', 'home', 'expiredate', 'inactive', 'gid', 'groups', 'skel', 'key', 'password', 'root', 'prefix', 'shell', 'uid', 'selinux-user', 'ingroup', 'gecos', 'firstuid', 'lastuid', 'conf'] };

/** The name of a user a RUN of the stage chain creates with `useradd`/`adduser`, if one is written literally. */
export function createdUser(model: DockerfileModel, stage: Stage): string | null {
  let found: string | null = null;
  for (const s of [...stageChain(stage)].reverse()) {
    for (const instr of s.instructions) {
      if ((instr.trigger ?? instr).keyword !== 'RUN' || instr.trigger) continue;
      for (const cmd of instructionCommands(model, instr)) {
        const argv = effectiveArgv(cmd);
        if (argv.length < 2 || !/^(useradd|adduser)$/.test(baseName(argv[0].value))) continue;
        const name = parseOptions(argv.slice(1), USER_TOOL).operands[0]?.value;
        if (name && /^[a-z_][a-z0-9_.-]{0,31}$/i.test(name)) found = name;
      }
    }
  }
  return found;
}

/** Official images that ship an unprivileged user for their program. */
const BUILT_IN: Record<string, string> = { node: 'node' };

/** How to switch the final stage to a non-root user. */
export function userPlan(model: DockerfileModel, stage: Stage): UserPlan {
  const image = stageChain(stage).at(-1)!.image;
  const builtIn = image && image.repository === `library/${image.name}` && image.effectiveRegistry === 'docker.io' ? entryOf(BUILT_IN, image.name) : undefined;
  const existing = createdUser(model, stage) ?? builtIn;
  if (existing) return { create: [], user: existing, title: `Add "USER ${existing}"` };
  const family = imageFamily(image);
  if (family === 'distroless') return { create: [], user: '65532:65532', title: 'Add "USER 65532:65532" (the image\'s nonroot user)' };
  const create = CREATE[family];
  if (create) return { create: [create], user: `${UID}:${UID}`, title: `Create user "app" (uid ${UID}) and add "USER ${UID}:${UID}"` };
  return { create: [], user: `${UID}:${UID}`, title: `Add "USER ${UID}:${UID}"` };
}

/**
 * Inserts lines where a USER belongs in the final stage: before the first CMD or ENTRYPOINT that
 * follows the stage's last RUN (above the comment lines right before it), or after the stage's last
 * instruction when there is none. Earlier steps keep running as they did.
 */
export function insertBeforeStart(model: DockerfileModel, stage: Stage, lines: string[]): TextEdit {
  const list = stage.instructions;
  let lastRun = -1;
  list.forEach((i, n) => {
    if (i.keyword === 'RUN' || i.keyword === 'USER') lastRun = n;
  });
  const start: DfInstruction | undefined = list.slice(lastRun + 1).find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
  if (!start) return insertLinesAfter(model, list[list.length - 1] ?? stage.from, lines);
  let line = start.range.start.line;
  const comments = new Set(model.comments.map((c) => c.line));
  while (line > 0 && comments.has(line - 1)) line--;
  const at = model.index.lineStart(line);
  const indent = indentOf(model, start.range.start.line);
  return replace(model, at, at, lines.map((l) => indent + l + model.index.eol).join(''));
}

/** Writes the keyword that starts each line in the case the stage's FROM is written in (`user 10001`). */
export function inKeywordCase(model: DockerfileModel, stage: Stage, lines: string[]): string[] {
  const from = model.text.slice(stage.from.start, model.offset(stage.from.keywordRange.end));
  return lines.map((l) => l.replace(/^[A-Z]+/, (k) => keywordLike(from, k)));
}
