import ignoreComment from '../../../server/src/rules/ignore-comment';
import noDockerSocketMount from '../../../server/src/rules/no-docker-socket-mount';
import noPrivileged from '../../../server/src/rules/no-privileged';
import syntaxError from '../../../server/src/rules/syntax-error';
import { runRule, testRule } from '../../helpers/rule-tester';
import { describe, expect, it } from 'vitest';

const alongside = [noPrivileged, noDockerSocketMount];

describe('// bulkhead-ignore in devcontainer.json', () => {
  const code =
    '{\n  // bulkhead-ignore no-privileged -- the GPU needs it\n  "privileged": true,\n  "mounts": [\n    // bulkhead-ignore no-docker-socket-mount\n' +
    '    "source=/var/run/docker.sock,target=/s,type=bind",\n    "source=/run/docker.sock,target=/t,type=bind",\n  ],\n}\n';

  it('covers the next property or array item, not its neighbours', () => {
    expect(runRule(noPrivileged, { code, kind: 'devcontainer', alongside: [noDockerSocketMount] })).toEqual([]);
    expect(runRule(noDockerSocketMount, { code, kind: 'devcontainer', alongside: [noPrivileged] }).map((f) => f.range.start.line + 1)).toEqual([7]);
  });

  it('a file ignore covers the whole file, wherever it stands', () => {
    const file = '{\n  "privileged": true,\n  "runArgs": ["--privileged"]\n  // bulkhead-ignore-file no-privileged\n}\n';
    expect(runRule(noPrivileged, { code: file, kind: 'devcontainer' })).toEqual([]);
  });
});

testRule(ignoreComment, {
  valid: [
    { name: 'a used line ignore, with its reason', kind: 'devcontainer', alongside, code: '{\n  // bulkhead-ignore no-privileged -- the GPU driver needs it\n  "privileged": true\n}\n' },
    { name: 'the words inside a string are not a comment', kind: 'devcontainer', alongside, code: '{\n  "name": "// bulkhead-ignore no-such-rule"\n}\n' },
  ],
  invalid: [
    {
      name: 'an unknown rule id in a JSONC comment, removed with its line',
      kind: 'devcontainer',
      alongside,
      code: '{\n  // bulkhead-ignore no-privilegd\n  "privileged": false,\n}\n',
      errors: [{ messageId: 'unknownRule', at: '2:22-2:34', message: 'Unknown rule "no-privilegd" in a bulkhead-ignore comment' }],
      output: '{\n  "privileged": false,\n}\n',
    },
    {
      name: 'an ignore that suppresses nothing: the id goes, the other stays',
      kind: 'devcontainer',
      alongside,
      code: '{\n  // bulkhead-ignore no-docker-socket-mount, no-privileged -- old\n  "privileged": true\n}\n',
      errors: [{ messageId: 'unused', at: '2:22-2:44' }],
      output: '{\n  // bulkhead-ignore no-privileged -- old\n  "privileged": true\n}\n',
    },
    {
      name: 'an ignore of an error rule without a reason, in a JSONC comment',
      kind: 'devcontainer',
      alongside,
      code: '{\n  // bulkhead-ignore no-privileged\n  "privileged": true\n}\n',
      errors: [{ messageId: 'missingReason', at: '2:22-2:35', message: 'This bulkhead-ignore hides "no-privileged" without a reason; write why after "--"' }],
    },
  ],
});

testRule(syntaxError, {
  valid: [{ name: 'comments and trailing commas are JSONC', kind: 'devcontainer', code: '{\n  /* a */ "image": "debian:12", // b\n  "runArgs": ["--init",],\n}\n' }],
  invalid: [
    { name: 'a missing comma, on the next token', kind: 'devcontainer', code: '{\n  "image": "debian:12"\n  "remoteUser": "dev"\n}\n', errors: [{ messageId: 'json', at: '3:3-3:15', message: 'JSON syntax error: a comma is expected' }] },
    { name: 'an unterminated string', kind: 'devcontainer', code: '{ "image": "debian:12 }', errors: [{ messageId: 'json', at: '1:12-1:24' }] },
  ],
});
