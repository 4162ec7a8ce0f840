import rule from '../../server/src/rules/verify-downloads';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'sha256sum -c on an echoed digest', code: 'FROM debian:12\nRUN curl -fsSLo /tmp/a.tgz https://x/a.tgz && echo "abc  /tmp/a.tgz" | sha256sum -c - && tar -xzf /tmp/a.tgz\n' },
    { name: 'a checksum file checked with shasum -a 256 -c', code: 'FROM debian:12\nRUN wget https://x/a.tgz https://x/a.tgz.sha256 && shasum -a 256 -c a.tgz.sha256 && tar xzf a.tgz\n' },
    { name: 'gpg --batch --verify', code: 'FROM debian:12\nRUN curl -fsSLO https://x/a.tgz && curl -fsSLO https://x/a.tgz.asc && gpg --batch --verify a.tgz.asc a.tgz && tar -xzf a.tgz\n' },
    { name: 'gpgv, cosign verify-blob, minisign -Vm', code: 'FROM debian:12\nRUN wget -O a.deb https://x/a.deb && gpgv --keyring k.gpg a.deb.sig a.deb && dpkg -i a.deb\nRUN wget -O b https://x/b && cosign verify-blob --key k.pub --signature b.sig b && chmod +x b\nRUN wget -O c.tgz https://x/c && minisign -Vm c.tgz -P key && tar xf c.tgz\n' },
    { name: 'a digest compared through command substitution', code: 'FROM debian:12\nRUN curl -o t https://x/t && [ "$(sha256sum t | cut -d" " -f1)" = "$T_SHA" ] && chmod +x t\n' },
    { name: 'openssl dgst -verify and rpm -K', code: 'FROM fedora:40\nRUN curl -o a.rpm https://x/a.rpm && rpm -K a.rpm && rpm -i a.rpm\nRUN curl -o b.tgz https://x/b && openssl dgst -sha256 -verify pub.pem -signature b.sig b.tgz && tar xzf b.tgz\n' },
    { name: 'a download that is only stored (a key, a config file)', code: 'FROM debian:12\nRUN curl -fsSL https://x/key.asc -o /etc/apt/keyrings/x.asc && chmod a+r /etc/apt/keyrings/x.asc\n' },
    { name: 'download and use in different RUNs are not linked', code: 'FROM debian:12\nRUN curl -fsSLo /tmp/a.tgz https://x/a.tgz\nRUN tar -xzf /tmp/a.tgz\n' },
    { name: 'piping into a shell is no-curl-pipe-shell\'s job', code: 'FROM debian:12\nRUN curl -fsSL https://x/install.sh | sh\n' },
    { name: 'a different file is unpacked', code: 'FROM debian:12\nRUN curl -fsSLo /tmp/a.tgz https://x/a.tgz && tar -xzf /opt/b.tgz\n' },
    { name: 'tar creating an archive is not unpacking', code: 'FROM debian:12\nRUN wget https://x/a.tgz && tar -czf backup.tgz a.tgz\n' },
    { name: 'a JSON body piped into a filter', code: 'FROM debian:12\nRUN curl -s https://api.example.com/releases | jq -r .tag\n' },
    { name: 'sh -c with inline code is not running the file', code: 'FROM debian:12\nRUN wget https://x/run.sh && sh -c "echo run.sh"\n' },
    { name: 'apk add of a downloaded package checks its signature unless told not to', code: 'FROM alpine:3.20\nRUN wget https://x/a.apk && apk add ./a.apk\n' },
  ],
  invalid: [
    {
      name: 'downloaded with -o and unpacked with tar',
      code: 'FROM debian:12\nRUN curl -fsSLo /tmp/helm.tgz https://get.helm.sh/helm.tgz && tar -xzf /tmp/helm.tgz -C /usr/local\n',
      errors: [
        {
          messageId: 'unverified',
          at: '2:5-2:59',
          message: 'The download "/tmp/helm.tgz" is unpacked without a checksum or signature check; verify it in the same RUN, for example with "sha256sum -c"',
        },
      ],
    },
    {
      name: 'wget saves under the URL\'s name; old-style tar options; unzip; the download is on a continuation line',
      code: 'FROM debian:12\nRUN apt-get update \\\n && wget https://x/dl/app-1.2.tar.gz?raw=1 \\\n && tar xzf app-1.2.tar.gz\nRUN wget -q https://x/b.zip && unzip -q b.zip -d /opt\n',
      errors: [
        { messageId: 'unverified', at: '3:5-3:43' },
        { messageId: 'unverified', at: '5:5-5:28' },
      ],
    },
    {
      name: 'streamed into tar and through gunzip: one finding for the RUN, naming both downloads',
      code: 'FROM debian:12\nRUN curl -fsSL https://x/a.tar.gz | tar -xz -C /opt && wget -qO- https://x/b.gz | gunzip > /usr/local/bin/b\n',
      errors: [
        {
          messageId: 'unverifiedMany',
          at: '2:5-2:34',
          message:
            '2 downloads of this RUN are used without a checksum or signature check: "https://x/a.tar.gz" (unpacked), "https://x/b.gz" (unpacked); ' +
            'verify each in the same RUN, for example with "sha256sum -c"',
        },
      ],
    },
    {
      name: 'one download in a RUN is unpacked with its message unchanged',
      code: 'FROM debian:12\nRUN curl -fsSL https://x/a.tar.gz | tar -xz -C /opt\n',
      errors: [{ messageId: 'unverified', at: '2:5-2:34', message: 'The download "https://x/a.tar.gz" is unpacked without a checksum or signature check; verify it in the same RUN, for example with "sha256sum -c"' }],
    },
    {
      name: 'made executable, run by path, run by a shell, run by name from a bin directory',
      code:
        'FROM debian:12\nRUN curl -fsSLo /usr/local/bin/kubectl https://dl.k8s.io/kubectl && chmod +x /usr/local/bin/kubectl\n' +
        'RUN curl -fsSLO https://x/install.sh && ./install.sh\nRUN wget -O /tmp/i.sh https://x/i && bash /tmp/i.sh --prefix /opt\n' +
        'RUN curl -Lo /usr/bin/yq https://x/yq && yq --version\n',
      errors: [
        { messageId: 'unverified', at: '2:5-2:65', message: 'The download "/usr/local/bin/kubectl" is made executable without a checksum or signature check; verify it in the same RUN, for example with "sha256sum -c"' },
        { messageId: 'unverified', at: '3:5-3:37', message: 'The download "install.sh" is run without a checksum or signature check; verify it in the same RUN, for example with "sha256sum -c"' },
        { messageId: 'unverified', at: '4:5-4:34' },
        { messageId: 'unverified', at: '5:5-5:38' },
      ],
    },
    {
      name: 'installed with dpkg, apt-get, rpm, pip and install(1); apk only with --allow-untrusted',
      code:
        'FROM debian:12\nRUN wget -O /tmp/x.deb https://x/x.deb && dpkg -i /tmp/x.deb\nRUN curl -LO https://x/y.deb && apt-get install -y ./y.deb\n' +
        'RUN curl -o z.rpm https://x/z.rpm && rpm -ivh z.rpm\nRUN curl -LO https://x/w-1.0-py3-none-any.whl && pip install w-1.0-py3-none-any.whl\n' +
        'RUN curl -Lo tool https://x/tool && install -m 0755 tool /usr/local/bin/\nRUN wget https://x/p.apk && apk add --allow-untrusted p.apk\n',
      errors: [
        { messageId: 'unverified', at: '2:5-2:39' },
        { messageId: 'unverified', at: '3:5-3:29' },
        { messageId: 'unverified', at: '4:5-4:34' },
        { messageId: 'unverified', at: '5:5-5:46' },
        { messageId: 'unverified', at: '6:5-6:33' },
        { messageId: 'unverified', at: '7:5-7:25' },
      ],
    },
    {
      name: 'sudo wrapper, heredoc script, ONBUILD and a build stage',
      code: 'FROM debian:12 AS build\nRUN <<EOF\nset -e\nsudo wget -O /tmp/a.tgz https://x/a.tgz\ntar -C /opt -xf /tmp/a.tgz\nEOF\nONBUILD RUN curl -o b.zip https://x/b && unzip b.zip\nFROM scratch\n',
      errors: [
        { messageId: 'unverified', at: '4:6-4:40' },
        { messageId: 'unverified', at: '7:13-7:38' },
      ],
    },
    {
      name: 'inside sh -c and exec form; java -jar',
      code: 'FROM eclipse-temurin:21\nRUN ["sh", "-c", "curl -o app.jar https://x/app.jar && java -jar app.jar"]\n',
      errors: [{ messageId: 'unverified', at: '2:19-2:52' }],
    },
    {
      name: 'escape directive with a backtick continuation',
      code: '# escape=`\nFROM debian:12\nRUN curl -fsSLo a.tgz https://x/a.tgz `\n && tar -xzf a.tgz\n',
      errors: [{ messageId: 'unverified', at: '3:5-3:38' }],
    },
  ],
});
