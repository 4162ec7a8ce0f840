import rule from '../../server/src/rules/no-maintainer';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'a maintainer label', code: 'FROM alpine:3.20\nLABEL maintainer="jane@example.com"\n' },
    { name: 'the word in a comment or a command', code: 'FROM alpine:3.20\n# MAINTAINER jane\nRUN echo MAINTAINER\n' },
  ],
  invalid: [
    {
      name: 'underlines the keyword, any case, in any stage',
      code: 'FROM alpine:3.20 AS build\nMAINTAINER "jane@example.com"\nFROM alpine:3.20\nmaintainer Jane Doe <jane@example.com>\n',
      errors: [
        { messageId: 'maintainer', at: '2:1-2:11', message: '"MAINTAINER" is deprecated; set the org.opencontainers.image.authors label instead' },
        { messageId: 'maintainer', at: '4:1-4:11' },
      ],
      output: 'FROM alpine:3.20 AS build\nLABEL org.opencontainers.image.authors="\\"jane@example.com\\""\nFROM alpine:3.20\nlabel org.opencontainers.image.authors="Jane Doe <jane@example.com>"\n',
    },
    {
      name: 'before the first FROM and after a line continuation',
      code: 'MAINTAINER jane\nFROM alpine:3.20\nMAINTAINER \\\n  jane\n',
      errors: [
        { messageId: 'maintainer', at: '1:1-1:11' },
        { messageId: 'maintainer', at: '3:1-3:11' },
      ],
      output: 'LABEL org.opencontainers.image.authors="jane"\nFROM alpine:3.20\nLABEL org.opencontainers.image.authors="jane"\n',
    },
    {
      name: 'fix escapes quotes, $ and the escape character (a backtick here); CRLF line endings survive',
      code: '# escape=`\r\nFROM alpine:3.20\r\nMAINTAINER Jane "JD" Doe <jd@example.com> $5 `\r\n  C:\\team\r\n',
      errors: [{ messageId: 'maintainer', at: '3:1-3:11' }],
      output: '# escape=`\r\nFROM alpine:3.20\r\nLABEL org.opencontainers.image.authors="Jane `"JD`" Doe <jd@example.com> `$5 C:\\team"\r\n',
    },
    {
      name: 'fix escapes a backslash with the default escape character',
      code: 'FROM alpine:3.20\nmaintainer ops\\infra <ops@example.com>\n',
      errors: [{ messageId: 'maintainer', at: '2:1-2:11' }],
      output: 'FROM alpine:3.20\nlabel org.opencontainers.image.authors="ops\\\\infra <ops@example.com>"\n',
    },
  ],
});
