import rule from '../../server/src/rules/no-curl-pipe-shell';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'piping an archive into tar is extraction, not execution', code: 'FROM debian:12\nRUN curl -fsSL https://x/app.tgz | tar -xz -C /opt\n' },
    { name: 'piping into a checksum tool', code: 'FROM debian:12\nRUN curl -fsSL https://x/app.tgz | sha256sum\n' },
    { name: 'download to a file, verify, then run', code: 'FROM debian:12\nRUN curl -fsSLo /tmp/i.sh https://x && echo "abc  /tmp/i.sh" | sha256sum -c - && sh /tmp/i.sh\n' },
    { name: 'an interpreter reading JSON data with inline code', code: 'FROM debian:12\nRUN curl -s https://api/x | python3 -c "import sys,json; print(json.load(sys.stdin))" && curl -s https://api | perl -ne print\n' },
    { name: 'the pipe target runs a script file and reads the download as data', code: 'FROM debian:12\nRUN curl -s https://api/x | bash ./parse.sh\n' },
    { name: 'wget without -O - writes a file, nothing reaches the pipe', code: 'FROM debian:12\nRUN wget https://x/i.sh | sh\n' },
    { name: 'curl -o writes a file', code: 'FROM debian:12\nRUN curl -fsSL -o /tmp/i.sh https://x | sh\n' },
    { name: 'sh -c with a script that only downloads', code: 'FROM debian:12\nRUN sh -c "curl -fsSLo /tmp/x https://x"\n' },
    { name: 'command substitution that is not a download', code: 'FROM debian:12\nRUN sh -c "$(cat /tmp/script)" && eval "$(ssh-agent -s)"\n' },
    { name: 'health checks are not checked', code: 'FROM debian:12\nHEALTHCHECK CMD curl -fsS http://localhost/ | grep ok\n' },
  ],
  invalid: [
    {
      name: 'curl | sh, wget -qO- | bash -s --, sudo -E bash -',
      code: 'FROM debian:12\nRUN curl -fsSL https://x/install.sh | sh\nRUN wget -qO- https://y | bash -s -- --flag\nRUN curl -sL https://z | sudo -E bash -\n',
      errors: [
        {
          messageId: 'pipe',
          at: '2:5-2:41',
          message: 'The download from "https://x/install.sh" runs in "sh" unchecked; save it to a file, verify its checksum or signature, then run it',
        },
        { messageId: 'pipe', at: '3:5-3:31' },
        { messageId: 'pipe', at: '4:5-4:38' },
      ],
    },
    {
      name: 'two in one RUN: one finding on the first, naming both',
      code: 'FROM debian:12\nRUN curl -fsSL https://x/install.sh | sh && wget -qO- https://y | bash -s -- --flag\n',
      errors: [
        {
          messageId: 'pipeMany',
          at: '2:5-2:41',
          message:
            '2 downloads of this instruction run in a shell unchecked ("https://x/install.sh" in "sh", "https://y" in "bash"); ' +
            'save each to a file, verify its checksum or signature, then run it',
        },
      ],
    },
    {
      name: 'the same download in two branches: named once, with its count',
      code:
        'FROM debian:12\nRUN if [ "$V" = latest ]; then curl -o- -L https://y/install.sh | bash; ' +
        'else curl -o- -L https://y/install.sh | bash -s -- --version "$V"; fi && curl https://z | sh\n',
      errors: [
        {
          messageId: 'pipeMany',
          at: '2:32-2:71',
          message:
            '3 downloads of this instruction run in a shell unchecked ("https://y/install.sh" in "bash" ×2, "https://z" in "sh"); ' +
            'save each to a file, verify its checksum or signature, then run it',
        },
      ],
    },
    {
      name: 'sh -c "$(curl)", bash -c "$(wget -O-)", eval "$(curl)"',
      code: 'FROM debian:12\nRUN sh -c "$(curl -fsSL https://ohmyz.sh/install.sh)"\nRUN bash -c "$(wget -O- https://w)"\nRUN eval "$(curl -s https://e)"\n',
      errors: [
        { messageId: 'pipe', at: '2:5-2:54' },
        { messageId: 'pipe', at: '3:5-3:36' },
        { messageId: 'pipe', at: '4:5-4:32' },
      ],
    },
    {
      name: 'process substitution, python, through a filter in the pipeline',
      code: 'FROM debian:12\nRUN bash <(curl -s https://p)\nRUN curl https://q | python3\nRUN curl https://r | tee /tmp/x | sh\n',
      errors: [
        { messageId: 'pipe', at: '2:5-2:30' },
        { messageId: 'pipe', at: '3:5-3:29' },
        { messageId: 'pipe', at: '4:5-4:37' },
      ],
    },
    {
      name: 'exec form with sh -c, CMD at start-up, wget -O - and FreeBSD fetch',
      code: 'FROM debian:12\nRUN ["/bin/bash", "-c", "curl -fsSL https://j | bash"]\nCMD curl -fsSL https://runtime | sh\nRUN wget -O - https://k | sh\nRUN fetch -o - https://f | sh\n',
      errors: [
        { messageId: 'pipe', at: '2:26-2:53' },
        { messageId: 'pipe', at: '3:5-3:36' },
        { messageId: 'pipe', at: '4:5-4:29' },
        { messageId: 'pipe', at: '5:5-5:30' },
      ],
    },
    {
      name: 'one span across a line continuation; lowercase run; /dev/stdin',
      code: 'FROM debian:12\nrun curl -s https://x \\\n    | sh\nRUN curl -s https://api | bash /dev/stdin\n',
      errors: [
        { messageId: 'pipe', at: '2:5-3:9' },
        { messageId: 'pipe', at: '4:5-4:31' },
      ],
    },
    {
      name: 'heredoc script and ONBUILD; a build stage counts too',
      code: 'FROM debian:12 AS tools\nRUN <<EOF\nset -e\ncurl -fsSL https://x | perl\nEOF\nONBUILD RUN curl https://x | node -\nFROM debian:12\n',
      errors: [
        { messageId: 'pipe', at: '4:1-4:28' },
        { messageId: 'pipe', at: '6:13-6:34' },
      ],
    },
  ],
});
