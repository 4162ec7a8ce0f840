import rule from '../../server/src/rules/no-sudo';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'installing the sudo package is not calling it', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y sudo\n' },
    {
      name: 'configuring sudoers and groups',
      code: 'FROM debian:12\nRUN echo "app ALL=(ALL) NOPASSWD:ALL" >> /etc/sudoers && usermod -aG sudo app\n',
    },
    { name: 'sudo as an argument, looked up, or in a comment', code: 'FROM debian:12\n# RUN sudo make\nRUN command -v sudo && echo sudo && which sudo\n' },
    { name: 'sudo at start-up is not a build step', code: 'FROM debian:12\nCMD ["sudo", "-u", "app", "server"]\n' },
    { name: 'gosu drops privileges without sudo', code: 'FROM debian:12\nRUN gosu nobody true\n' },
  ],
  invalid: [
    {
      name: 'every sudo in an &&, pipe, ; and || chain, with a path',
      code: 'FROM ubuntu:24.04\nRUN sudo apt-get update && echo x | sudo tee /etc/x; sudo -u app -E make || /usr/bin/sudo ls\n',
      errors: [
        { messageId: 'sudo', at: '2:5-2:9', message: '"sudo" in a build step hides which user runs it; order the steps around USER instructions instead' },
        { messageId: 'sudo', at: '2:37-2:41' },
        { messageId: 'sudo', at: '2:54-2:58' },
        { messageId: 'sudo', at: '2:77-2:90' },
      ],
      output: 'FROM ubuntu:24.04\nRUN apt-get update && echo x | tee /etc/x; make || ls\n',
    },
    {
      name: 'after env assignments, lowercase run, continuation line',
      code: 'FROM ubuntu:24.04\nrun apt-get update \\\n && env DEBIAN_FRONTEND=noninteractive sudo -E apt-get install -y x\n',
      errors: [{ messageId: 'sudo', at: '3:40-3:44' }],
      output: 'FROM ubuntu:24.04\nrun apt-get update \\\n && env DEBIAN_FRONTEND=noninteractive apt-get install -y x\n',
    },
    {
      name: 'exec form, and sh -c in exec form',
      code: 'FROM ubuntu:24.04\nRUN ["sudo", "apt-get", "update"]\nRUN ["/bin/sh", "-c", "sudo make install"]\n',
      errors: [
        { messageId: 'sudo', at: '2:7-2:11' },
        { messageId: 'sudo', at: '3:24-3:28' },
      ],
      output: 'FROM ubuntu:24.04\nRUN ["apt-get", "update"]\nRUN ["/bin/sh", "-c", "make install"]\n',
    },
    {
      name: 'heredoc script, inside an if',
      code: 'FROM ubuntu:24.04\nRUN <<EOF\nset -e\nif true; then sudo ls; fi\nEOF\n',
      errors: [{ messageId: 'sudo', at: '4:15-4:19' }],
      output: 'FROM ubuntu:24.04\nRUN <<EOF\nset -e\nif true; then ls; fi\nEOF\n',
    },
    {
      name: 'ONBUILD RUN and bash -c in the shell form',
      code: 'FROM ubuntu:24.04\nONBUILD RUN sudo make\nRUN bash -c "sudo ls"\n',
      errors: [
        { messageId: 'sudo', at: '2:13-2:17' },
        { messageId: 'sudo', at: '3:14-3:18' },
      ],
      output: 'FROM ubuntu:24.04\nONBUILD RUN make\nRUN bash -c "ls"\n',
    },
    {
      name: 'bash -c script with escaped quotes: the inner sudo is still underlined exactly',
      code: 'FROM ubuntu:24.04\nRUN bash -c "echo \\"go\\" && sudo ls"\n',
      errors: [{ messageId: 'sudo', at: '2:29-2:33' }],
      output: 'FROM ubuntu:24.04\nRUN bash -c "echo \\"go\\" && ls"\n',
    },
    {
      name: 'escape directive with backtick continuation; every stage counts',
      code: '# escape=`\nFROM ubuntu:24.04 AS build\nRUN make && `\n    sudo make install\nFROM ubuntu:24.04\n',
      errors: [{ messageId: 'sudo', at: '4:5-4:9' }],
      output: '# escape=`\nFROM ubuntu:24.04 AS build\nRUN make && `\n    make install\nFROM ubuntu:24.04\n',
    },
    {
      name: 'fix: sudo alone on a continuation line; CRLF line endings survive; no fix without a command after it',
      code: 'FROM ubuntu:24.04\r\nRUN apt-get update && \\\r\n    sudo \\\r\n    make install\r\nRUN sudo -i\r\n',
      errors: [
        { messageId: 'sudo', at: '3:5-3:9' },
        { messageId: 'sudo', at: '5:5-5:9' },
      ],
      output: 'FROM ubuntu:24.04\r\nRUN apt-get update && \\\r\n    make install\r\nRUN sudo -i\r\n',
    },
    {
      name: 'fix: options with values and -- go with sudo',
      code: 'FROM ubuntu:24.04\nRUN sudo --user=app -H -- pip install x && sudo -g staff touch /x\n',
      errors: [
        { messageId: 'sudo', at: '2:5-2:9' },
        { messageId: 'sudo', at: '2:44-2:48' },
      ],
      output: 'FROM ubuntu:24.04\nRUN pip install x && touch /x\n',
    },
  ],
});
