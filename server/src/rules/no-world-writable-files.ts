import { replace } from '../edit/dockerfile-edits';
import { defineRule } from '../rule-api/rule';
import { reportPerInstruction, type InstructionHit } from '../rule-api/per-instruction';
import { finalImageModeChanges, modeBits, modeTargetName, withoutOtherWrite } from '../knowledge/file-modes';

export default defineRule({
  meta: {
    id: 'no-world-writable-files',
    practice: 8,
    title: 'Do not make files writable by every user',
    severity: 'warning',
    kind: 'risk',
    severityReason: 'A world-writable file lets any process in the container change what others run or read.',
    targets: ['dockerfile'],
    fix: 'suggestion',
    docs: {
      summary:
        'A build step of the final image gives write permission to all users: `chmod 777`, `chmod -R 666`, `chmod o+w`, ' +
        '`chmod a+rwx`, `mkdir -m 777`, `install -m 666`, `COPY --chmod=777`. A mode with the sticky bit (`1777`, `+t`, ' +
        'as for `/tmp`) is not flagged; `chmod +w` without `o` or `a` is not either, because the umask keeps it from others.',
      rationale:
        'Files and directories that any user can write undo the protection of a read-only, non-root setup: whatever ' +
        'account a compromised process runs as can replace the application\'s code, scripts run at start-up or ' +
        'configuration, and the change survives until the container is recreated. A world-writable directory without ' +
        'the sticky bit also lets any user delete or rename other users\' files in it. Modes like `777` usually paper ' +
        'over an ownership problem that has a narrower fix.',
      howToFix:
        'Give the files to the user that must write them (`COPY --chown=app:app`, `chown -R app /data`) and keep a ' +
        'narrow mode (`755` for directories and programs, `644` for data). For images that run under an arbitrary ' +
        'user ID with group 0 (OpenShift), use group permissions: `chgrp -R 0 /data && chmod -R g=u /data`. For a ' +
        'shared scratch directory add the sticky bit (`1777`). The quick fix removes only the write bit for others ' +
        '(`777` becomes `775`).',
      references: [
        'https://docs.docker.com/reference/dockerfile/#copy---chown---chmod',
        'https://docs.redhat.com/en/documentation/openshift_container_platform/4.16/html/images/creating-images#use-uid_create-images',
      ],
    },
    messages: {
      writable: '"{mode}" lets every user write {what}; give the files to the user that needs them and drop write for others',
      writableMany: '{count} mode changes of this instruction let every user write ({items}); give the files to the user that needs them and drop write for others',
    },
    examples: {
      bad: [{ kind: 'dockerfile', code: 'FROM node:22-slim\nCOPY . /app\nRUN chmod -R 777 /app\nUSER node\n' }],
      good: [{ kind: 'dockerfile', code: 'FROM node:22-slim\nCOPY --chown=node:node . /app\nRUN mkdir -p /scratch && chmod 1777 /scratch\nUSER node\n' }],
    },
    aliases: {},
  },
  dockerfile({ model, report, fix }) {
    for (const changes of finalImageModeChanges(model)) {
      const hits: InstructionHit[] = [];
      for (const change of changes) {
        const bits = change.resolved === null ? null : modeBits(change.resolved);
        if (!bits || !bits.otherWrite || bits.sticky) continue;
        const what = modeTargetName(change);
        const written = change.mode.value;
        const to = model.verbatim(change.mode) ? withoutOtherWrite(written) : null;
        const fixes = to ? [fix(`Change "${written}" to "${to}"`, [replace(model, change.mode.start, change.mode.end, to)])] : [];
        hits.push({ range: model.range(change.mode.start, change.mode.end), data: { mode: change.mode.value, what }, label: `"${change.mode.value}" on ${what}`, fixes });
      }
      reportPerInstruction({ report, fix }, hits, 'writable', 'writableMany', (n) => `Drop write for others from the ${n} modes`);
    }
  },
});
