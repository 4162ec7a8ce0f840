import rule from '../../server/src/rules/no-setuid-binaries';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'plain modes', code: 'FROM debian:12\nRUN chmod 0755 /usr/local/bin/app && chmod u+x,go-w /app && chmod 755 /x\n' },
    { name: 'removing the bits is the fix, not a finding', code: 'FROM debian:12\nRUN chmod u-s /usr/bin/passwd && chmod a-s /usr/bin/chsh && chmod -s /usr/bin/newgrp\n' },
    { name: 'setgid on directories: mkdir -m, install -d, a directory made in the same RUN, a trailing slash', code: 'FROM debian:12\nRUN mkdir -m 2775 /shared && install -d -m 2770 /data && mkdir -p /srv/www && chmod g+s /srv/www && chmod 2775 /var/log/app/\n' },
    { name: 'sticky bit only', code: 'FROM debian:12\nRUN chmod 1777 /scratch && chmod +t /scratch\n' },
    { name: 'o+s does nothing', code: 'FROM debian:12\nRUN chmod o+s /x\n' },
    { name: 'a build stage that does not ship', code: 'FROM debian:12 AS build\nRUN chmod u+s /out/tool\nFROM debian:12\nCOPY --from=build /out/app /app\n' },
    { name: 'an unresolved variable is not guessed', code: 'FROM debian:12\nARG MODE\nRUN chmod $MODE /x\n' },
    { name: 'chmod --reference and 3-digit octal', code: 'FROM debian:12\nRUN chmod --reference=/bin/ls /x && chmod 644 /etc/app.conf\n' },
  ],
  invalid: [
    {
      name: 'symbolic u+s, +s (both bits), octal 4755 and 6755',
      code: 'FROM debian:12\nRUN chmod u+s /usr/local/bin/gosu\nRUN chmod +s /bin/ping\nRUN chmod 4755 /usr/bin/a\nRUN chmod 06755 /usr/bin/b\n',
      errors: [
        { messageId: 'special', at: '2:11-2:14', message: '"u+s" gives "/usr/local/bin/gosu" the setuid bit: a program with it runs with its owner\'s privileges whoever starts it; remove the bit' },
        { messageId: 'special', at: '3:11-3:13', message: '"+s" gives "/bin/ping" the setuid and setgid bit: a program with it runs with its owner\'s and group\'s privileges whoever starts it; remove the bit' },
        { messageId: 'special', at: '4:11-4:15' },
        { messageId: 'special', at: '5:11-5:16' },
      ],
    },
    {
      name: 'two in one RUN: one finding on the first, naming both',
      code: 'FROM debian:12\nRUN chmod u+s /usr/local/bin/gosu && chmod 4755 /usr/bin/a\n',
      errors: [
        {
          messageId: 'specialMany',
          at: '2:11-2:14',
          message:
            '2 mode changes of this instruction set the setuid or setgid bit ("u+s" on "/usr/local/bin/gosu", "4755" on "/usr/bin/a"): ' +
            'such programs run with their owner\'s or group\'s privileges whoever starts them; remove the bits',
        },
      ],
    },
    {
      name: 'setgid on a file; chmod -R with several targets; clauses joined by commas',
      code: 'FROM debian:12\nRUN chmod g+s /usr/bin/mail\nRUN chmod -R u=rwxs,go=rx /opt/a /opt/b\n',
      errors: [
        { messageId: 'special', at: '2:11-2:14', message: '"g+s" gives "/usr/bin/mail" the setgid bit: a program with it runs with its group\'s privileges whoever starts it; remove the bit' },
        { messageId: 'special', at: '3:14-3:26', message: '"u=rwxs,go=rx" gives these files the setuid bit: a program with it runs with its owner\'s privileges whoever starts it; remove the bit' },
      ],
    },
    {
      name: 'install -m and -Dm, COPY --chmod, ADD --chmod from an ARG',
      code: 'FROM debian:12\nARG MODE=4750\nRUN install -m 4755 su-helper /usr/bin/\nRUN install -Dm2755 tool /usr/bin/tool\nCOPY --chmod=4755 helper /usr/local/bin/\nADD --chmod=$MODE https://x/y /usr/bin/y\n',
      errors: [
        { messageId: 'special', at: '3:16-3:20' },
        { messageId: 'special', at: '4:16-4:20' },
        { messageId: 'special', at: '5:14-5:18', message: '"4755" gives the copied files the setuid bit: a program with it runs with its owner\'s privileges whoever starts it; remove the bit' },
        { messageId: 'special', at: '6:13-6:18' },
      ],
    },
    {
      name: 'sudo, heredoc, lowercase run, continuation lines, ONBUILD; the base stage of the final one counts',
      code: 'FROM debian:12 AS base\nRUN <<EOF\nsudo chmod u+s /bin/x\nEOF\nFROM base\nrun chmod \\\n    4711 /bin/y\nONBUILD RUN chmod a+s /bin/z\n',
      errors: [
        { messageId: 'special', at: '3:12-3:15' },
        { messageId: 'special', at: '7:5-7:9' },
        { messageId: 'special', at: '8:19-8:22' },
      ],
    },
  ],
});
