import { defineRule } from '../rule-api/rule';
import { reportPerInstruction, type InstructionHit } from '../rule-api/per-instruction';
import { finalImageModeChanges, modeBits, modeTargetName } from '../knowledge/file-modes';

export default defineRule({
  meta: {
    id: 'no-setuid-binaries',
    practice: 18,
    title: 'Do not add setuid or setgid files to the image',
    severity: 'warning',
    kind: 'risk',
    severityReason: 'A setuid binary added to the image is a way from any user to root inside the container.',
    targets: ['dockerfile'],
    docs: {
      summary:
        'A build step of the final image gives a file the setuid or setgid bit: `chmod u+s`, `chmod g+s`, `chmod +s`, ' +
        'an octal mode such as `4755`, `2755` or `6755`, `install -m 4755`, or `COPY --chmod=4755`. Setgid on a directory ' +
        '(`mkdir -m 2775`, `install -d`, a directory created by `mkdir` in the same `RUN`) is not flagged.',
      rationale:
        'A setuid program runs with the privileges of its owner, usually root, whoever starts it. Running the container ' +
        'as a non-root user only helps while the user has no way back to root, and every setuid binary is such a way: ' +
        'one bug in it, or a helper like a setuid `gosu` or `su-exec`, turns any code execution into root in the ' +
        'container. Setgid does the same for the file\'s group. CIS Docker Benchmark 4.8 asks to remove these bits from ' +
        'images; `--security-opt no-new-privileges` blocks them at run time, but only where someone sets it.',
      howToFix:
        'Drop the `s` bit (`chmod 0755`, `chmod u-s,g-s`) and grant what the program needs in another way: run it as root ' +
        'in an entrypoint that then drops privileges, give the binary a file capability (`setcap cap_net_bind_service=+ep`), ' +
        'or change ownership of the files it must write. To share a directory with a group, set setgid on the ' +
        'directory only (`find /data -type d -exec chmod g+s {} +`).',
      references: [
        'https://docs.docker.com/reference/cli/docker/container/run/#security-opt',
        'https://man7.org/linux/man-pages/man2/execve.2.html',
      ],
    },
    messages: {
      special: '"{mode}" gives {what} the {bits} bit: a program with it runs with {whose} privileges whoever starts it; remove the bit',
      specialMany: '{count} mode changes of this instruction set the setuid or setgid bit ({items}): such programs run with their owner\'s or group\'s privileges whoever starts them; remove the bits',
    },
    examples: {
      bad: [{ kind: 'dockerfile', code: 'FROM debian:12\nCOPY gosu /usr/local/bin/gosu\nRUN chmod u+s /usr/local/bin/gosu\nUSER app\n' }],
      good: [{ kind: 'dockerfile', code: 'FROM debian:12\nCOPY gosu /usr/local/bin/gosu\nRUN chmod 0755 /usr/local/bin/gosu && mkdir -p /data && chmod g+s /data\nUSER app\n' }],
    },
    aliases: {},
  },
  dockerfile({ model, report, fix }) {
    for (const changes of finalImageModeChanges(model)) {
      const hits: InstructionHit[] = [];
      for (const change of changes) {
        const bits = change.resolved === null ? null : modeBits(change.resolved);
        if (!bits || !(bits.setuid || (bits.setgid && !change.directories))) continue;
        const names = [bits.setuid ? 'setuid' : '', bits.setgid ? 'setgid' : ''].filter((b) => b).join(' and ');
        const target = modeTargetName(change);
        const whose = bits.setuid && bits.setgid ? "its owner's and group's" : bits.setuid ? "its owner's" : "its group's";
        const range = model.range(change.mode.start, change.mode.end);
        hits.push({ range, data: { mode: change.mode.value, what: target, bits: names, whose }, label: `"${change.mode.value}" on ${target}`, fixes: [] });
      }
      reportPerInstruction({ report, fix }, hits, 'special', 'specialMany', () => '');
    }
  },
});
