import rule from '../../server/src/rules/no-account-passwords';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'a random password made at build time', code: 'FROM gitea/gitea:1.4\nRUN echo "git:$(dd if=/dev/urandom bs=24 count=1 status=none | base64)" | chpasswd\n' },
    { name: 'a locked account', code: 'FROM ubuntu:24.04\nRUN usermod -p "*" laradock -s /bin/bash && usermod -p \'!\' app\n' },
    { name: 'a password from a build argument without a default (no-secret-build-args)', code: 'FROM ubuntu:24.04\nARG ROOT_PASSWORD\nRUN echo "root:${ROOT_PASSWORD}" | chpasswd\n' },
    { name: 'chpasswd reading a file, passwd unlocking or expiring', code: 'FROM ubuntu:24.04\nRUN chpasswd < /run/secrets/users && passwd -u git && passwd -e app\n' },
    { name: 'echo of user:password that goes nowhere near chpasswd', code: 'FROM ubuntu:24.04\nRUN echo "root:root" > /tmp/example.txt && cat /tmp/example.txt | wc -l\n' },
    { name: 'a user created without a password', code: 'FROM ubuntu:24.04\nRUN useradd --create-home --shell /bin/bash app\n' },
  ],
  invalid: [
    {
      name: 'echo user:password | chpasswd: the text that carries the password',
      code: 'FROM ubuntu:24.04\nRUN echo "root:toor" | chpasswd\n',
      errors: [{ messageId: 'password', at: '2:10-2:21', message: 'This gives "root" a password written in the Dockerfile: anyone who reads it or pulls the image can log in as "root"' }],
    },
    {
      name: 'several accounts across continuation lines, single quotes, an ARG default',
      code: "FROM debian:12\nARG PW=vulhub\nRUN useradd -m testuser \\\n    && echo 'testuser:testuser' | chpasswd \\\n    && echo \"root:$PW\" | chpasswd -c SHA512\n",
      errors: [
        { messageId: 'password', at: '4:13-4:32', message: 'This gives "testuser" a password written in the Dockerfile: anyone who reads it or pulls the image can log in as "testuser"' },
        { messageId: 'password', at: '5:13-5:23' },
      ],
    },
    {
      name: 'passwd --stdin, echo -e into passwd, a here-string, the current USER',
      code: 'FROM rockylinux:9\nRUN echo "s3cret" | passwd --stdin app\nUSER app\nRUN echo -e "pw\\npw" | passwd && chpasswd <<< "admin:admin"\n',
      errors: [
        { messageId: 'password', at: '2:10-2:18', message: 'This gives "app" a password written in the Dockerfile: anyone who reads it or pulls the image can log in as "app"' },
        { messageId: 'password', at: '4:13-4:21', message: 'This gives "app" a password written in the Dockerfile: anyone who reads it or pulls the image can log in as "app"' },
        { messageId: 'password', at: '4:47-4:60' },
      ],
    },
    {
      name: 'usermod -p with a hash, useradd -p with openssl passwd of a literal, --password=',
      code: 'FROM ubuntu:24.04\nRUN usermod -p \'$6$salt$hash\' root\nRUN useradd -m -p "$(openssl passwd -1 secret)" admin && useradd --password=abc123 ops\n',
      errors: [
        { messageId: 'password', at: '2:16-2:30' },
        { messageId: 'password', at: '3:19-3:48', message: 'This gives "admin" a password written in the Dockerfile: anyone who reads it or pulls the image can log in as "admin"' },
        { messageId: 'password', at: '3:66-3:83' },
      ],
    },
    {
      name: 'passwd -d removes the password',
      code: 'FROM alpine:3.20\nRUN passwd -d root\n',
      errors: [{ messageId: 'empty', at: '2:12-2:14', message: 'This removes the password of "root": anyone who can run a command in the container can become "root" without one' }],
    },
    {
      name: 'in CMD (shell form), in sh -c of an exec-form ENTRYPOINT, in a heredoc RUN',
      code: 'FROM ubuntu:24.04\nCMD echo \'admin:pass\' | chpasswd && exec sshd -D\nENTRYPOINT ["sh", "-c", "echo root:root | chpasswd"]\nRUN <<EOF\necho "app:app" | chpasswd\nEOF\n',
      errors: [
        { messageId: 'password', at: '2:10-2:22' },
        { messageId: 'password', at: '3:31-3:40' },
        { messageId: 'password', at: '5:6-5:15' },
      ],
    },
  ],
});
