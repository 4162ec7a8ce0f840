import rule from '../../server/src/rules/no-world-writable-files';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'narrow modes', code: 'FROM debian:12\nRUN chmod 755 /app && chmod 0644 /app/conf && chmod -R go-w /app && chmod 775 /data\n' },
    { name: 'sticky bit, as for /tmp', code: 'FROM debian:12\nRUN mkdir -m 1777 /scratch && chmod 1777 /tmp && chmod a+rwxt /spool && chmod o+w,+t /drop\n' },
    { name: '+w and =rwx without who: the umask keeps write from others', code: 'FROM debian:12\nRUN chmod +w /app/cache && chmod =rwx /app/bin\n' },
    { name: 'group write only', code: 'FROM debian:12\nRUN chgrp -R 0 /app && chmod -R g=u /app && chmod 770 /app/data\n' },
    { name: 'only in a build stage', code: 'FROM debian:12 AS build\nRUN chmod -R 777 /src\nFROM debian:12\nCOPY --from=build /src/app /app\n' },
    { name: 'not a chmod', code: 'FROM debian:12\nRUN echo chmod 777 /x && grep 777 /etc/x\n' },
  ],
  invalid: [
    {
      name: 'chmod 777 -> 775, with -R before the mode',
      code: 'FROM node:22-slim\nRUN chmod -R 777 /app\n',
      errors: [{ messageId: 'writable', at: '2:14-2:17', message: '"777" lets every user write "/app"; give the files to the user that needs them and drop write for others' }],
      output: 'FROM node:22-slim\nRUN chmod -R 775 /app\n',
    },
    {
      name: '0666 and 2777 keep their other digits; CRLF and continuation kept; one finding for the RUN with one fix for both',
      code: 'FROM debian:12\r\nRUN chmod 0666 /etc/app.conf \\\r\n && chmod 2777 /var/run/app\r\n',
      errors: [
        {
          messageId: 'writableMany',
          at: '2:11-2:15',
          message: '2 mode changes of this instruction let every user write ("0666" on "/etc/app.conf", "2777" on "/var/run/app"); give the files to the user that needs them and drop write for others',
        },
      ],
      output: 'FROM debian:12\r\nRUN chmod 0664 /etc/app.conf \\\r\n && chmod 2775 /var/run/app\r\n',
    },
    {
      name: 'symbolic modes: flagged without a fix',
      code: 'FROM debian:12\nRUN chmod o+w /a\nRUN chmod -R a+rwX /b\nRUN chmod ugo=rwx /c d\n',
      errors: [
        { messageId: 'writable', at: '2:11-2:14' },
        { messageId: 'writable', at: '3:14-3:19' },
        { messageId: 'writable', at: '4:11-4:18', message: '"ugo=rwx" lets every user write these files; give the files to the user that needs them and drop write for others' },
      ],
    },
    {
      name: 'mkdir -m, install -m, COPY --chmod; a mode from ENV is flagged but not rewritten',
      code: 'FROM debian:12\nENV M=777\nRUN mkdir -p -m 777 /data && install -m 666 app.log /var/log/ && chmod $M /x\nCOPY --chmod=777 . /app\n',
      errors: [
        // One finding for the RUN; its fix rewrites the two literal modes and leaves "$M" alone.
        { messageId: 'writableMany', at: '3:17-3:20' },
        { messageId: 'writable', at: '4:14-4:17', message: '"777" lets every user write the copied files; give the files to the user that needs them and drop write for others' },
      ],
      output: 'FROM debian:12\nENV M=777\nRUN mkdir -p -m 775 /data && install -m 664 app.log /var/log/ && chmod $M /x\nCOPY --chmod=775 . /app\n',
    },
    {
      name: 'exec form, heredoc and ONBUILD in the final stage',
      code: 'FROM debian:12\nRUN ["chmod", "777", "/srv"]\nRUN <<EOF\nchmod 666 /srv/x\nEOF\nONBUILD RUN chmod 777 /y\n',
      errors: [
        { messageId: 'writable', at: '2:16-2:19' },
        { messageId: 'writable', at: '4:7-4:10' },
        { messageId: 'writable', at: '6:19-6:22' },
      ],
      output: 'FROM debian:12\nRUN ["chmod", "775", "/srv"]\nRUN <<EOF\nchmod 664 /srv/x\nEOF\nONBUILD RUN chmod 775 /y\n',
    },
  ],
});
