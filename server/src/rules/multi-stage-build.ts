import { defineRule } from '../rule-api/rule';
import { isToolchainImage } from '../knowledge/base-images';
import { autoRemovesInstalls, compileCommand, removedPackages, toolchainInstall } from '../knowledge/build-toolchains';
import { instructionCommands } from '../knowledge/commands';
import { dockerfileImages } from '../knowledge/image-uses';
import { packageName } from '../knowledge/packages';
import { stageChain } from '../parse/dockerfile';
import type { ShellCommand } from '../parse/shell';

const list = (names: string[]) => names.map((n) => `"${n}"`).join(', ');

export default defineRule({
  meta: {
    id: 'multi-stage-build',
    practice: 16,
    title: 'Build in a separate stage and ship only the result',
    severity: 'info',
    kind: 'advice',
    severityReason: 'Advice: a toolchain in the final image is more to patch and more for an attacker to use, but no defect in itself.',
    targets: ['dockerfile'],
    docs: {
      summary:
        'The final image keeps a build toolchain: its base is a toolchain image (`golang`, `rust`, `gcc`, `maven`, `gradle`, ' +
        '`buildpack-deps`, a JDK, the .NET SDK), or it installs compilers and SDKs (`gcc`, `g++`, `make`, `build-essential`, ' +
        '`clang`, `cmake`, `golang`, a JDK, `maven`, `gradle`, `cargo`) without removing them; or a single-stage Dockerfile ' +
        'compiles (`go build`, `mvn package`, `gradle build`, `cargo build`, `make`, `gcc`, `npm run build`, `dotnet publish`).',
      rationale:
        'Compilers, SDKs and build caches are not needed to run the program, but they stay in a single-stage image: more ' +
        'packages to patch, hundreds of megabytes to pull, and ready-made tools for an attacker who gets a shell (compile an ' +
        'exploit, fetch and build more code). A multi-stage build compiles in a throw-away stage and copies only the result ' +
        'into a small final stage. Build stages are never judged. A toolchain removed again in the final image ' +
        '(`apk del .build-deps`, `apt-get purge gcc`) is not reported; header packages (`*-dev`) are not counted. A ' +
        'single-stage Dockerfile whose toolchain is already reported is not reported a second time for compiling.',
      howToFix:
        'Split the Dockerfile: a first stage `FROM golang:1.23 AS build` (or the SDK you use) compiles, and the final ' +
        'stage starts from a runtime or minimal image and takes only the output with `COPY --from=build /out/app /app`. For ' +
        'native extensions installed with pip, npm or gem, build the wheels or modules in the first stage and copy them.',
      references: ['https://docs.docker.com/build/building/multi-stage/', 'https://docs.docker.com/build/building/best-practices/#use-multi-stage-builds'],
    },
    messages: {
      toolchainBase: 'The final image is based on the build toolchain "{image}"; compile in a build stage and copy only the result into a smaller final image',
      toolchainInstalled: 'The final image keeps the build tools {packages}; compile in a build stage and copy only the result into the final image',
      singleStage: 'This single-stage Dockerfile compiles ("{command}") in the image it ships; move the build into its own stage and copy only the result',
    },
    examples: {
      bad: [{ kind: 'dockerfile', code: 'FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n' }],
      good: [
        {
          kind: 'dockerfile',
          code: 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app .\n\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\nCMD ["/app"]\n',
        },
      ],
    },
  },
  dockerfile({ model, report }) {
    const final = model.finalStage;
    if (!final) return;
    const chain = stageChain(final);
    let reported = false;
    const root = dockerfileImages(model, ['from']).find((u) => u.stage === chain[chain.length - 1]);
    if (root && isToolchainImage(root.ref)) {
      report({ messageId: 'toolchainBase', data: { image: root.ref.text }, range: root.range });
      reported = true;
    }
    const runs = chain.flatMap((s) => s.instructions).filter((i) => i.keyword === 'RUN').map((i) => instructionCommands(model, i));
    const commands = runs.flat();
    // Read only when a toolchain install is found (most final stages have none).
    let removed: Set<string> | null = null;
    // Installs undone in the same RUN by the `apt-mark auto` + `purge --auto-remove` idiom.
    let undone: Set<ShellCommand> | null = null;
    for (const cmd of commands) {
      const install = toolchainInstall(cmd);
      if (!install) continue;
      const gone = (removed ??= new Set(commands.flatMap(removedPackages)));
      if (install.group && gone.has(install.group.toLowerCase())) continue;
      if (install.manager === 'apt' && (undone ??= new Set(runs.filter(autoRemovesInstalls).flat())).has(cmd)) continue;
      const kept = install.words.filter((w) => !gone.has(packageName(w.value).toLowerCase()));
      if (kept.length === 0) continue;
      report({
        messageId: 'toolchainInstalled',
        data: { packages: list(kept.map((w) => w.value)) },
        range: model.range(kept[0].start, kept[0].end),
      });
      reported = true;
    }
    if (reported || model.stages.length !== 1) return;
    // A RUN that also removes packages is the install-build-clean idiom: its toolchain does not stay.
    const cleaning = new Set(runs.filter((cmds) => autoRemovesInstalls(cmds) || cmds.some((c) => removedPackages(c).length > 0)));
    for (const cmd of runs.filter((r) => !cleaning.has(r)).flat()) {
      const compile = compileCommand(cmd);
      if (compile) {
        report({ messageId: 'singleStage', data: { command: compile.text }, range: model.range(compile.start, compile.end) });
        return;
      }
    }
  },
});
