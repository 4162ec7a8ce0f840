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
      name: 'one finding per RUN for every sudo in an &&, pipe, ; and || chain; run as root, "sudo -u app" only drops privileges (advice)',
      code: 'FROM ubuntu:24.04\nRUN sudo apt-get update && echo x | sudo tee /etc/x; sudo -u app -E make || /usr/bin/sudo ls\n',
      errors: [
        {
          messageId: 'sudoMany',
          at: '2:5-2:9',
          message: '"sudo" runs 3 commands of this RUN (lines 2), which hides which user runs them; order the steps around USER instructions instead',
        },
        { messageId: 'dropsPrivileges', at: '2:54-2:58', message: '"sudo -u app" runs as root only to drop to "app"; "gosu" or "setpriv" do that without shipping sudo in the image' },
      ],
      output: 'FROM ubuntu:24.04\nRUN apt-get update && echo x | tee /etc/x; sudo -u app -E make || ls\n',
    },
    {
      name: 'a dev-container patch run as the image\'s user: one finding for the six sudo words of one RUN',
      code:
        'ARG ORIGINAL_IMAGE=mcr.microsoft.com/devcontainers/base:1-bookworm\nFROM ${ORIGINAL_IMAGE}\nUSER vscode\n' +
        'RUN sudo apt-get update \\\n    && sudo apt-get upgrade -y git \\\n    && if dpkg -s libssl-dev 2>/dev/null; then \\\n' +
        '        sudo apt-get upgrade -y libssl-dev; \\\n    fi \\\n    && sudo apt-get autoremove -y \\\n    && sudo apt-get clean -y \\\n' +
        '    && sudo rm -rf /var/lib/apt/lists/*\n',
      errors: [
        {
          messageId: 'sudoMany',
          at: '4:5-4:9',
          message: '"sudo" runs 6 commands of this RUN (lines 4, 5, 7, 9, 10, 11), which hides which user runs them; order the steps around USER instructions instead',
        },
      ],
      output:
        'ARG ORIGINAL_IMAGE=mcr.microsoft.com/devcontainers/base:1-bookworm\nFROM ${ORIGINAL_IMAGE}\nUSER vscode\n' +
        'RUN apt-get update \\\n    && apt-get upgrade -y git \\\n    && if dpkg -s libssl-dev 2>/dev/null; then \\\n' +
        '        apt-get upgrade -y libssl-dev; \\\n    fi \\\n    && apt-get autoremove -y \\\n    && apt-get clean -y \\\n' +
        '    && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: '"sudo -u" is a risk when the build already runs as another user, or the user is a variable without a value',
      code: 'FROM ubuntu:24.04\nUSER app\nRUN sudo -u other make\nUSER root\nRUN sudo -u "$WHO" make\n',
      errors: [
        { messageId: 'sudo', at: '3:5-3:9' },
        { messageId: 'sudo', at: '5:5-5:9' },
      ],
      // The quoted "$WHO" is not written as it reads, so that sudo has no fix.
      output: 'FROM ubuntu:24.04\nUSER app\nRUN make\nUSER root\nRUN sudo -u "$WHO" make\n',
    },
    {
      name: 'run as root with the user from an ARG (the dev-container shape): advice, on a base image that runs as root',
      code: 'FROM debian:12\nARG USERNAME=vscode\nRUN useradd -m "$USERNAME" \\\n    && sudo -u ${USERNAME} git clone https://example.com/nvs.git /home/vscode/.nvs\n',
      errors: [{ messageId: 'dropsPrivileges', at: '4:8-4:12', message: '"sudo -u vscode" runs as root only to drop to "vscode"; "gosu" or "setpriv" do that without shipping sudo in the image' }],
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
      code: 'FROM ubuntu:24.04\nUSER app\nRUN sudo --user=app -H -- pip install x && sudo -g staff touch /x\n',
      errors: [{ messageId: 'sudoMany', at: '3:5-3:9' }],
      output: 'FROM ubuntu:24.04\nUSER app\nRUN pip install x && touch /x\n',
    },
  ],
});
