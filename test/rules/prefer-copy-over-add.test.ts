import rule from '../../server/src/rules/prefer-copy-over-add';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'local tar archives are unpacked by ADD', code: 'FROM scratch\nADD rootfs.tar.xz /\nADD app.tgz dist.tar /opt/\nADD data.tar.zst /data/\nADD *.tar.gz /x/\n' },
    { name: 'remote URLs are no-add-remote\'s business', code: 'FROM alpine:3.20\nADD https://example.com/tool /usr/local/bin/\nADD ./conf https://example.com/x /etc/\n' },
    { name: 'a quoted URL is still remote', code: 'FROM alpine:3.20\nADD --chmod=755 "https://example.com/x.sh" "/usr/bin/x"\n' },
    { name: 'an unresolved variable that names a tar file', code: 'FROM alpine:3.20\nARG OGG_TARFILE\nADD ${OGG_TARFILE} /opt/\n' },
    { name: 'Git sources', code: 'FROM alpine:3.20\nADD git@github.com:o/r.git /src\n' },
    { name: 'an ARG that resolves to a URL', code: 'FROM alpine:3.20\nARG URL=https://example.com/a.zip\nADD $URL /tmp/\n' },
    { name: 'an unresolved variable that names a URL', code: 'FROM alpine:3.20\nARG DOWNLOAD_URL\nADD ${DOWNLOAD_URL} /tmp/\n' },
    { name: 'an ARG that resolves to an archive', code: 'FROM alpine:3.20\nARG PKG=app-1.2.tar.gz\nADD ${PKG} /opt/\n' },
    { name: 'COPY', code: 'FROM alpine:3.20\nCOPY app.py /app/\n' },
  ],
  invalid: [
    {
      name: 'plain files and directories; lowercase add; flags',
      code: 'FROM python:3.12-slim\nADD requirements.txt app.py /app/\nadd --chown=app:app . /app\n',
      errors: [
        { messageId: 'add', at: '2:1-2:4', message: 'This "ADD" only copies local files; use COPY, which cannot unpack archives or download URLs by surprise' },
        { messageId: 'add', at: '3:1-3:4' },
      ],
      output: 'FROM python:3.12-slim\nCOPY requirements.txt app.py /app/\ncopy --chown=app:app . /app\n',
    },
    {
      name: 'an unresolved build argument that names a file, as in the KICS sample',
      code: 'FROM openjdk:10-jdk\nARG JAR_FILE\nADD ${JAR_FILE} app.jar\n',
      errors: [{ messageId: 'maybeArchive', at: '3:1-3:4', message: 'This "ADD" unpacks "${JAR_FILE}" if it is a local tar archive; if it is not one, use COPY, which only copies' }],
      output: 'FROM openjdk:10-jdk\nARG JAR_FILE\nCOPY ${JAR_FILE} app.jar\n',
    },
    {
      name: 'JSON form, heredoc, ONBUILD, zip files are not unpacked',
      code: 'FROM alpine:3.20\nADD ["a b.txt", "/x/"]\nADD <<EOF /etc/motd\nhello\nEOF\nONBUILD ADD . /app\nADD dist.zip /opt/\n',
      errors: [
        { messageId: 'add', at: '2:1-2:4' },
        { messageId: 'add', at: '3:1-3:4' },
        { messageId: 'add', at: '6:9-6:12' },
        { messageId: 'add', at: '7:1-7:4' },
      ],
      output: 'FROM alpine:3.20\nCOPY ["a b.txt", "/x/"]\nCOPY <<EOF /etc/motd\nhello\nEOF\nONBUILD COPY . /app\nCOPY dist.zip /opt/\n',
    },
    {
      name: 'continuation lines and every stage',
      code: 'FROM alpine:3.20 AS build\nADD \\\n  src/ /src\nFROM alpine:3.20\n',
      errors: [{ messageId: 'add', at: '2:1-2:4' }],
      output: 'FROM alpine:3.20 AS build\nCOPY \\\n  src/ /src\nFROM alpine:3.20\n',
    },
    {
      name: 'a bare name or a wildcard may be a tar archive, which ADD unpacks whatever its name: COPY is only a suggestion',
      code: 'FROM scratch\nADD rootfs /\nADD dist/* /opt/\nADD app.py lib /app/\n',
      errors: [
        { messageId: 'maybeArchive', at: '2:1-2:4', message: 'This "ADD" unpacks "rootfs" if it is a local tar archive; if it is not one, use COPY, which only copies' },
        { messageId: 'maybeArchive', at: '3:1-3:4', message: 'This "ADD" unpacks "dist/*" if it is a local tar archive; if it is not one, use COPY, which only copies' },
        { messageId: 'maybeArchive', at: '4:1-4:4', message: 'This "ADD" unpacks "lib" if it is a local tar archive; if it is not one, use COPY, which only copies' },
      ],
      output: 'FROM scratch\nCOPY rootfs /\nCOPY dist/* /opt/\nCOPY app.py lib /app/\n',
    },
    {
      name: 'fix keeps the keyword case, the flags, CRLF line endings and comments',
      code: 'FROM alpine:3.20\r\n# the app\r\nAdd --chown=1000:1000 app/ /app/\r\n',
      errors: [{ messageId: 'add', at: '3:1-3:4' }],
      output: 'FROM alpine:3.20\r\n# the app\r\nCopy --chown=1000:1000 app/ /app/\r\n',
    },
  ],
});
