import rule from '../../server/src/rules/no-passwordless-sudo';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'the image ends as root: non-root-user reports that', code: 'FROM ubuntu:24.04\nRUN useradd -m app && echo "app ALL=(ALL) NOPASSWD: ALL" > /etc/sudoers.d/app\n' },
    { name: 'a rule for another user', code: 'FROM ubuntu:24.04\nRUN useradd -m app && useradd -m ops && echo "ops ALL=(ALL) NOPASSWD: ALL" > /etc/sudoers.d/ops\nUSER app\n' },
    { name: 'sudo with a password', code: 'FROM ubuntu:24.04\nRUN useradd -m -G sudo app && echo "app ALL=(ALL) ALL" >> /etc/sudoers\nUSER app\n' },
    { name: 'a group rule the user is not in', code: 'FROM ubuntu:24.04\nRUN echo "%wheel ALL=(ALL) NOPASSWD: ALL" > /etc/sudoers.d/wheel && useradd -m app\nUSER app\n' },
    { name: 'NOPASSWD echoed to the terminal or to another file', code: 'FROM ubuntu:24.04\nRUN echo "app ALL=(ALL) NOPASSWD: ALL" && echo "app ALL=(ALL) NOPASSWD: ALL" > /tmp/notes\nUSER app\n' },
    { name: 'a rule in a build stage that is not shipped', code: 'FROM ubuntu:24.04 AS build\nRUN echo "app ALL=(ALL) NOPASSWD: ALL" > /etc/sudoers.d/app\nFROM ubuntu:24.04\nRUN useradd -m app\nUSER app\n' },
  ],
  invalid: [
    {
      name: 'echo into sudoers.d, the final USER is that user: the rule text',
      code: 'FROM ubuntu:24.04\nRUN useradd -m app \\\n && echo "app ALL=(ALL) NOPASSWD: ALL" > /etc/sudoers.d/app\nUSER app\n',
      errors: [
        {
          messageId: 'nopasswd',
          at: '3:10-3:39',
          message: 'The image runs as "app", and this sudoers rule lets "app" run any command as root without a password: the user is root in effect',
        },
      ],
    },
    {
      name: 'variables, escaped parentheses and several words (dev container style), tee -a',
      code:
        'FROM debian:12\nARG USERNAME=vscode\nRUN useradd -m $USERNAME \\\n && echo $USERNAME ALL=\\(root\\) NOPASSWD:ALL > /etc/sudoers.d/$USERNAME \\\n' +
        ' && echo "$USERNAME ALL=(ALL:ALL) NOPASSWD: ALL" | tee -a /etc/sudoers\nUSER $USERNAME\n',
      errors: [
        { messageId: 'nopasswd', at: '4:10-4:45' },
        { messageId: 'nopasswd', at: '5:10-5:49' },
      ],
    },
    {
      name: 'a group rule and the user put in the group (useradd -G, usermod -aG, adduser), ALL users',
      code:
        'FROM fedora:41\nRUN echo "%wheel ALL=(ALL) NOPASSWD: ALL" >> /etc/sudoers && useradd -G wheel,docker dev\n' +
        'RUN sed -i "s/^# %sudo.*/%sudo ALL=(ALL:ALL) NOPASSWD: ALL/" /etc/sudoers && usermod -aG sudo dev\n' +
        'RUN printf "ALL ALL=(ALL) NOPASSWD: ALL\\n" > /etc/sudoers.d/all\nUSER dev\n',
      errors: [
        { messageId: 'nopasswd', at: '2:10-2:42' },
        { messageId: 'nopasswd', at: '3:12-3:61' },
        { messageId: 'nopasswd', at: '4:12-4:43' },
      ],
    },
    {
      name: 'a numeric USER matched through useradd -u; COPY heredoc to sudoers.d',
      code: 'FROM ubuntu:24.04\nRUN useradd -u 1001 -m runner\nCOPY <<EOF /etc/sudoers.d/runner\nrunner ALL=(root) NOPASSWD: ALL\nEOF\nUSER 1001:1001\n',
      errors: [{ messageId: 'nopasswd', at: '4:1-4:32', message: 'The image runs as "runner", and this sudoers rule lets "runner" run any command as root without a password: the user is root in effect' }],
    },
    {
      name: 'a heredoc written with tee, ${VAR} spelling appended to /etc/sudoers',
      code: 'FROM ubuntu:24.04\nARG USERNAME=dev\nRUN tee /etc/sudoers.d/dev <<EOF\ndev ALL=(root) NOPASSWD: ALL\nEOF\nRUN echo "${USERNAME} ALL=(ALL) NOPASSWD:ALL" >> /etc/sudoers\nUSER ${USERNAME}\n',
      errors: [
        { messageId: 'nopasswd', at: '4:1-4:29' },
        { messageId: 'nopasswd', at: '6:10-6:46' },
      ],
    },
    {
      name: 'a rule limited to a few commands is a lesser finding',
      code: 'FROM debian:12\nRUN echo "mpd ALL=NOPASSWD: /usr/bin/mount, /sbin/mount.nfs, /usr/bin/umount" >> /etc/sudoers\nUSER mpd\n',
      errors: [{ messageId: 'nopasswdCommands', at: '2:10-2:78' }],
    },
    {
      name: 'a rule in a stage the final stage builds on',
      code: 'FROM ubuntu:24.04 AS base\nRUN useradd -m app && echo "app ALL=(ALL) NOPASSWD:ALL" > /etc/sudoers.d/app\nFROM base\nUSER app\n',
      errors: [{ messageId: 'nopasswd', at: '2:28-2:56' }],
    },
  ],
});
