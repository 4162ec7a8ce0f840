import rule from '../../server/src/rules/no-add-remote';
import { testRule } from '../helpers/rule-tester';

const SHA = '24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d';
const COMMIT = '0123456789abcdef0123456789abcdef01234567';

testRule(rule, {
  valid: [
    { name: 'a URL with a checksum', code: `FROM alpine:3.20\nADD --checksum=sha256:${SHA} https://example.com/tool.tgz /tmp/\n` },
    { name: 'a checksum from a build argument', code: 'FROM alpine:3.20\nARG TOOL_SHA256\nADD --checksum=sha256:${TOOL_SHA256} https://example.com/tool.tgz /tmp/\n' },
    { name: 'local files and archives', code: 'FROM alpine:3.20\nADD rootfs.tar.gz /\nADD ./conf /etc/app/\n' },
    { name: 'Git pinned to a commit, with a subdirectory', code: `FROM alpine:3.20\nADD https://github.com/o/r.git#${COMMIT}:sub /src\nADD git@github.com:o/r.git#${COMMIT} /src2\n` },
    { name: 'Git pinned with --checksum', code: `FROM alpine:3.20\nADD --checksum=${COMMIT} https://github.com/o/r.git#main /src\n` },
    { name: 'Git pinned in the query form', code: `FROM alpine:3.20\nADD https://github.com/o/r.git?ref=main&checksum=${COMMIT} /src\n` },
    { name: 'a variable that does not resolve to a URL', code: 'FROM alpine:3.20\nARG SRC\nADD ${SRC} /app/\n' },
    { name: 'COPY is not ADD', code: 'FROM alpine:3.20\nCOPY --from=build https://not-a-url /x\n' },
    { name: 'a heredoc', code: 'FROM alpine:3.20\nADD <<EOF /etc/motd\nhttps://example.com\nEOF\n' },
  ],
  invalid: [
    {
      name: 'http and https URLs, lowercase add, JSON form',
      code: 'FROM alpine:3.20\nADD http://example.com/pkg.tar.gz /tmp\nadd https://example.com/tool /usr/local/bin/tool\nADD ["https://example.com/a b", "/z"]\n',
      errors: [
        {
          messageId: 'url',
          at: '2:5-2:34',
          message: 'ADD downloads "http://example.com/pkg.tar.gz" without --checksum, so a changed or tampered file goes unnoticed; add --checksum=sha256:<digest>',
        },
        { messageId: 'url', at: '3:5-3:29' },
        { messageId: 'url', at: '4:7-4:30' },
      ],
    },
    {
      name: 'a quoted URL: the range covers the quoted argument',
      code: 'FROM alpine:3.20\nADD --chmod=755 "https://example.com/x.sh" "/usr/bin/x"\n',
      errors: [{ messageId: 'url', at: '2:17-2:43', message: 'ADD downloads "https://example.com/x.sh" without --checksum, so a changed or tampered file goes unnoticed; add --checksum=sha256:<digest>' }],
    },
    {
      name: 'a URL given by an ARG default, with a line continuation',
      code: 'FROM alpine:3.20\nARG URL=https://example.com/a.zip\nADD --chmod=755 \\\n    ${URL} /tmp/\n',
      errors: [{ messageId: 'url', at: '4:5-4:11', message: 'ADD downloads "https://example.com/a.zip" without --checksum, so a changed or tampered file goes unnoticed; add --checksum=sha256:<digest>' }],
    },
    {
      name: 'Git at a tag, at the default branch, in the query form, in ONBUILD',
      code:
        'FROM alpine:3.20\nADD https://github.com/moby/buildkit.git#v0.10.1 /buildkit\nADD git@github.com:o/r.git /src\n' +
        'ADD https://github.com/o/r.git?ref=v1.0 /src\nONBUILD ADD --keep-git-dir=true https://github.com/o/r.git#main /src\n',
      errors: [
        { messageId: 'gitRef', at: '2:5-2:49', message: 'ADD fetches "https://github.com/moby/buildkit.git" at "v0.10.1", which can move; pin a full commit hash instead' },
        { messageId: 'gitDefault', at: '3:5-3:27', message: 'ADD fetches "git@github.com:o/r.git" at whatever its default branch points to; pin a full commit hash' },
        { messageId: 'gitRef', at: '4:5-4:40' },
        { messageId: 'gitRef', at: '5:33-5:64' },
      ],
    },
    {
      name: 'a short commit prefix is not a pin; a sha256 checksum does not pin Git',
      code: `FROM alpine:3.20\nADD https://github.com/o/r.git#0123abc /src\nADD --checksum=sha256:${SHA} https://github.com/o/r.git /src\n`,
      errors: [
        { messageId: 'gitRef', at: '2:5-2:39' },
        { messageId: 'gitDefault', at: '3:88-3:114' },
      ],
    },
  ],
});
