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
      code: 'FROM debian:12\nRUN curl -fsSL https://x/install.sh | sh && wget -qO- https://y | bash -s -- --flag && curl -sL https://z | sudo -E bash -\n',
      errors: [
        {
          messageId: 'pipe',
          at: '2:5-2:41',
          message: 'The download from "https://x/install.sh" runs in "sh" unchecked; save it to a file, verify its checksum or signature, then run it',
        },
        { messageId: 'pipe', at: '2:45-2:71' },
        { messageId: 'pipe', at: '2:88-2:121' },
      ],
    },
    {
      name: 'sh -c "$(curl)", bash -c "$(wget -O-)", eval "$(curl)"',
      code: 'FROM debian:12\nRUN sh -c "$(curl -fsSL https://ohmyz.sh/install.sh)" && bash -c "$(wget -O- https://w)" && eval "$(curl -s https://e)"\n',
      errors: [
        { messageId: 'pipe', at: '2:5-2:54' },
        { messageId: 'pipe', at: '2:58-2:89' },
        { messageId: 'pipe', at: '2:93-2:120' },
      ],
    },
    {
      name: 'process substitution, python, through a filter in the pipeline',
      code: 'FROM debian:12\nRUN bash <(curl -s https://p) && curl https://q | python3 && curl https://r | tee /tmp/x | sh\n',
      errors: [
        { messageId: 'pipe', at: '2:5-2:30' },
        { messageId: 'pipe', at: '2:34-2:58' },
        { messageId: 'pipe', at: '2:62-2:94' },
      ],
    },
    {
      name: 'exec form with sh -c, CMD at start-up, wget -O - and FreeBSD fetch',
      code: 'FROM debian:12\nRUN ["/bin/bash", "-c", "curl -fsSL https://j | bash"]\nCMD curl -fsSL https://runtime | sh\nRUN wget -O - https://k | sh; fetch -o - https://f | sh\n',
      errors: [
        { messageId: 'pipe', at: '2:26-2:53' },
        { messageId: 'pipe', at: '3:5-3:36' },
        { messageId: 'pipe', at: '4:5-4:29' },
        { messageId: 'pipe', at: '4:31-4:56' },
      ],
    },
    {
      name: 'one span across a line continuation; lowercase run; /dev/stdin',
      code: 'FROM debian:12\nrun curl -s https://x \\\n    | sh && curl -s https://api | bash /dev/stdin\n',
      errors: [
        { messageId: 'pipe', at: '2:5-3:9' },
        { messageId: 'pipe', at: '3:13-3:39' },
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
