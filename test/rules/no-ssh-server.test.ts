import rule from '../../server/src/rules/no-ssh-server';
import { expect, it } from 'vitest';
import { runRules } from '../../server/src/engine/run-rules';
import { RULE_IDS } from '../../server/src/rules/ids';
import type { Target } from '../../server/src/core/types';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'SSH clients only', code: 'FROM debian:12\nRUN apt-get install -y openssh-client && apk add openssh-client-default\nRUN dnf install -y openssh-clients\n' },
    { name: 'openssh on Fedora is the common package without sshd', code: 'FROM fedora:40\nRUN dnf install -y openssh\n' },
    { name: 'using ssh and scp as clients, removing the server', code: 'FROM debian:12\nRUN apt-get remove -y openssh-server && ssh user@host ls && scp a b:/c && ssh-keygen -t ed25519 -f k\n' },
    { name: 'ports that only look like 22', code: 'FROM debian:12\nEXPOSE 2222 220 8022/tcp\n' },
    { name: 'language packages named like SSH servers', code: 'FROM python:3.12\nRUN pip install sshd && npm install ssh openssh-server\n' },
    { name: 'a build stage the final image does not build on', code: 'FROM alpine:3.20 AS build\nRUN apk add openssh\nEXPOSE 22\nFROM alpine:3.20\nCOPY --from=build /x /x\n' },
    { name: 'an unresolved port variable', code: 'FROM debian:12\nARG PORT\nEXPOSE ${PORT}\n' },
    {
      name: 'Compose: host port 22 mapped to another container port, UDP, an SSH client tunnel',
      kind: 'compose',
      code: 'services:\n  g:\n    image: x\n    ports: ["22:2222", "8022:8080", "53:22/udp"]\n    command: ssh -N -L 80:db:5432 user@bastion\n',
    },
  ],
  invalid: [
    {
      name: 'apt packages (pinned server, the ssh metapackage), EXPOSE forms and the exec-form CMD',
      code:
        'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends openssh-server=1:9.2p1-2 openssh-client ssh \\\n && mkdir /run/sshd\n' +
        'EXPOSE 80 22/tcp\nARG SSH_PORT=22\nexpose ${SSH_PORT} 2222\nCMD ["/usr/sbin/sshd", "-D"]\n',
      errors: [
        { messageId: 'package', at: '2:66-2:90', message: 'Package "openssh-server" puts an SSH server in the image; remove it and use docker exec for access' },
        { messageId: 'package', at: '2:106-2:109' },
        { messageId: 'expose', at: '4:11-4:17', message: 'EXPOSE "22/tcp" opens the SSH port; remove it and use docker exec for access' },
        { messageId: 'expose', at: '6:8-6:19' },
        { messageId: 'daemon', at: '7:7-7:21', message: '"/usr/sbin/sshd" starts an SSH server in the container; remove it and use docker exec for access' },
      ],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends openssh-client \\\n && mkdir /run/sshd\nEXPOSE 80\nARG SSH_PORT=22\nexpose 2222\nCMD ["/usr/sbin/sshd", "-D"]\n',
    },
    {
      name: 'Alpine openssh and dropbear in a base stage of the final one; service, rc-update, init.d, sh -c',
      code:
        'FROM alpine:3.20 AS base\nRUN apk add --no-cache openssh dropbear openssh-client\nFROM base\nENTRYPOINT service ssh start && exec nginx\n' +
        'RUN rc-update add sshd && /etc/init.d/ssh start\nCMD bash -c "systemctl enable sshd; /usr/sbin/sshd -D"\n',
      errors: [
        { messageId: 'package', at: '2:24-2:31' },
        { messageId: 'package', at: '2:32-2:40' },
        { messageId: 'daemon', at: '4:20-4:23' },
        { messageId: 'daemon', at: '5:19-5:23' },
        { messageId: 'daemon', at: '5:27-5:42' },
        { messageId: 'daemon', at: '6:31-6:35' },
        { messageId: 'daemon', at: '6:37-6:51' },
      ],
      output: 'FROM alpine:3.20 AS base\nRUN apk add --no-cache openssh-client\nFROM base\nENTRYPOINT service ssh start && exec nginx\nRUN rc-update add sshd && /etc/init.d/ssh start\nCMD bash -c "systemctl enable sshd; /usr/sbin/sshd -D"\n',
    },
    {
      name: 'RPM subpackage of the server, zypper openssh, ONBUILD',
      code: 'FROM fedora:40\nRUN dnf install -y openssh-clients openssh-server-pam\nRUN zypper in -y openssh\nONBUILD RUN apt-get install -y openssh-server\nONBUILD EXPOSE 22\n',
      errors: [
        { messageId: 'package', at: '2:36-2:54' },
        { messageId: 'package', at: '3:18-3:25' },
        { messageId: 'package', at: '4:32-4:46' },
        { messageId: 'expose', at: '5:16-5:18' },
      ],
      output: 'FROM fedora:40\nRUN dnf install -y openssh-clients\nRUN zypper in -y openssh\nONBUILD RUN apt-get install -y openssh-server\nONBUILD EXPOSE 22\n',
    },
    {
      name: 'heredoc script with rc-service',
      code: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y dropbear-bin\nrc-service sshd start\nEOF\n',
      errors: [
        { messageId: 'package', at: '4:20-4:32' },
        { messageId: 'daemon', at: '5:12-5:16' },
      ],
    },
    {
      name: 'Compose ports in short and long syntax, with interpolation, and expose',
      kind: 'compose',
      code:
        'services:\n  a:\n    image: x\n    ports:\n      - "2222:22"\n      - 22\n      - "127.0.0.1:2022:22/tcp"\n      - "${SSH_PORT:-2222}:22"\n' +
        '      - target: 22\n        published: 2200\n    expose: ["22", 2222]\n',
      errors: [
        { messageId: 'composePort', at: '5:9-5:18', message: 'Service "a" opens container port 22 (SSH) with "2222:22"; unless it serves Git or SFTP, remove it and use docker compose exec for access' },
        { messageId: 'composePort', at: '6:9-6:11' },
        { messageId: 'composePort', at: '7:9-7:32' },
        { messageId: 'composePort', at: '8:9-8:31' },
        { messageId: 'composePort', at: '9:9-10:24' },
        { messageId: 'composePort', at: '11:14-11:18' },
      ],
      output: 'services:\n  a:\n    image: x\n    expose: [2222]\n',
    },
    {
      name: 'Compose command and entrypoint as strings, lists and sh -c scripts',
      kind: 'compose',
      code:
        'services:\n  b:\n    command: /usr/sbin/sshd -D -e\n  c:\n    entrypoint: ["/usr/sbin/sshd", "-D"]\n' +
        '  d:\n    command:\n      - sh\n      - -c\n      - "service ssh start && exec app"\n  e: {image: z, command: "sshd -D"}\n',
      errors: [
        { messageId: 'composeDaemon', at: '3:14-3:28', message: 'Service "b" starts the SSH server "/usr/sbin/sshd"; remove it and use docker compose exec for access' },
        { messageId: 'composeDaemon', at: '5:18-5:34' },
        { messageId: 'composeDaemon', at: '10:18-10:21' },
        { messageId: 'composeDaemon', at: '11:27-11:31' },
      ],
    },
    {
      name: 'Compose: inherited through a merge key, reported on the << entry',
      kind: 'compose',
      code: 'x-ssh: &ssh\n  command: ["/usr/sbin/sshd", "-D"]\n  ports: ["2222:22"]\nservices:\n  f:\n    <<: *ssh\n    image: x\n',
      errors: [
        { messageId: 'composePort', at: '6:5-6:13' },
        { messageId: 'composeDaemon', at: '6:5-6:13' },
      ],
    },
    {
      name: 'fix: a package alone on a continuation line; CRLF line endings; a lone EXPOSE 22 goes entirely',
      code: 'FROM debian:12\r\nRUN apt-get install -y \\\r\n    curl \\\r\n    openssh-server \\\r\n    vim\r\n# ssh\r\nEXPOSE 22\r\nCMD ["app"]\r\n',
      errors: [
        { messageId: 'package', at: '4:5-4:19' },
        { messageId: 'expose', at: '7:8-7:10' },
      ],
      output: 'FROM debian:12\r\nRUN apt-get install -y \\\r\n    curl \\\r\n    vim\r\n# ssh\r\nCMD ["app"]\r\n',
    },
    {
      name: 'fix: Compose port items, long syntax and flow style; the only item takes the key',
      kind: 'compose',
      code: 'services:\n  a:\n    image: a:1\n    ports:\n      - target: 22\n        published: 2222\n      - "8080:80" # web\n  b: {image: b:1, ports: ["22:22"]}\n',
      errors: [
        { messageId: 'composePort', at: '5:9-6:24' },
        { messageId: 'composePort', at: '8:27-8:34' },
      ],
      output: 'services:\n  a:\n    image: a:1\n    ports:\n      - "8080:80" # web\n  b: {image: b:1}\n',
    },
  ],
});

/** The rule alone under the default configuration (the rule tester gives it its severity, which turns advice into findings of that severity). */
const lint = (input: { kind: Target; text: string }) => runRules(input, {}, [rule], new Set(RULE_IDS)).findings;

it('by default, a Compose port 22 is advice (the GitLab shape: Git over SSH), an SSH server the Dockerfile installs a warning', () => {
  const compose = lint({ kind: 'compose', text: 'services:\n  gitlab:\n    image: gitlab/gitlab-ce:17.5.1-ce.0\n    ports:\n      - "2222:22"\n' });
  expect(compose.filter((f) => f.ruleId === 'no-ssh-server').map((f) => f.severity)).toEqual(['hint']);
  const dockerfile = lint({ kind: 'dockerfile', text: 'FROM debian:12\nRUN apt-get install -y openssh-server\nEXPOSE 22\n' });
  expect(dockerfile.filter((f) => f.ruleId === 'no-ssh-server').map((f) => `${f.messageId} ${f.severity}`)).toEqual(['package warning', 'expose warning']);
});
