import rule from '../../server/src/rules/no-tls-bypass';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'sslverify=0 only printed, not written to a file; an echo to stderr', code: 'FROM fedora:41\nRUN echo "sslverify=0" && echo "strict-ssl=false" >&2\n' },
    { name: 'apk --allow-untrusted of a package whose gpg signature was verified first', code: 'FROM alpine:3.20\nRUN gpg --verify /tmp/pkg.apk.asc /tmp/pkg.apk && apk add --allow-untrusted /tmp/pkg.apk\n' },
    { name: 'curl -K reads a config file, it is not -k', code: 'FROM debian:12\nRUN curl -K /etc/curl.conf https://example.com\n' },
    { name: 'a word after -o is the output file, not a flag', code: 'FROM debian:12\nRUN curl -fsSL -o -k https://example.com\n' },
    { name: 'header values are not flags', code: 'FROM debian:12\nRUN curl -H "X-Mode: -k" -XPOST https://example.com\n' },
    { name: 'wget -nc is no-clobber', code: 'FROM debian:12\nRUN wget -nc -qO- https://example.com\n' },
    { name: 'an --insecure flag of another tool', code: 'FROM debian:12\nRUN skopeo --insecure-policy copy a b && helm --insecure x\n' },
    { name: 'apt-get -o with an unrelated option', code: 'FROM debian:12\nRUN apt-get install -y -o Dpkg::Options::=--force-confold apt-transport-https\n' },
    { name: 'dnf setopt that is not about verification', code: 'FROM fedora:40\nRUN dnf install -y --setopt=install_weak_deps=False --setopt=sslverify=1 x\n' },
    { name: 'pip with its own index is fine', code: 'FROM python:3.12\nRUN pip install --index-url https://pypi.corp/simple flask\n' },
    { name: 'strict-ssl kept on', code: 'FROM node:22\nRUN npm config set strict-ssl true && npm set strict-ssl=true\n' },
    { name: 'git pointed at a CA bundle', code: 'FROM alpine:3.20\nRUN git config --global http.sslVerify true && git config --global http.sslCAInfo /ca.pem\n' },
    { name: 'Node.js check on and an extra CA', code: 'FROM node:22\nENV NODE_TLS_REJECT_UNAUTHORIZED=1 NODE_EXTRA_CA_CERTS=/ca.pem\n' },
    { name: 'ARG without a default sets nothing', code: 'FROM alpine:3.20\nARG GIT_SSL_NO_VERIFY\nARG PIP_TRUSTED_HOST\n' },
    { name: 'a local APT repository may be trusted', code: 'FROM debian:12\nRUN echo "deb [ trusted=yes ] file://$dir ./" > /etc/apt/sources.list.d/temp.list\n' },
    { name: 'only build steps are checked, not the health check command', code: 'FROM nginx:1.27\nHEALTHCHECK CMD curl -fk https://localhost/ || exit 1\n' },
    { name: 'a mention in a comment', code: 'FROM debian:12\n# never use curl -k\nRUN curl -fsSL https://example.com\n' },
    { name: 'installing a package named like a flag value', code: 'FROM alpine:3.20\nRUN apk add --no-cache ca-certificates\n' },
    {
      name: 'Compose: pass-through and safe values',
      kind: 'compose',
      code: 'services:\n  a:\n    environment:\n      - GIT_SSL_NO_VERIFY\n      - NODE_TLS_REJECT_UNAUTHORIZED=1\n      - PIP_TRUSTED_HOST=\n',
    },
    { name: 'Compose: unresolved interpolation without default', kind: 'compose', code: 'services:\n  a:\n    environment:\n      NODE_TLS_REJECT_UNAUTHORIZED: ${TLS}\n' },
  ],
  invalid: [
    {
      name: 'configuration written with tee and printf escapes; rpm --noverify and --nofiledigest; GOINSECURE',
      code:
        'FROM fedora:41\nRUN echo "sslverify=false" | tee -a /etc/dnf/dnf.conf\nRUN printf \'[global]\\ntrusted-host = pypi.org\\n\' > /etc/pip.conf\n' +
        'RUN rpm -ivh --noverify pkg.rpm && rpm -i --nofiledigest x.rpm\nENV GOINSECURE=corp.example.com\n',
      errors: [
        { messageId: 'tls', at: '2:11-2:26' },
        { messageId: 'tls', at: '3:23-3:46', message: '"trusted-host = pypi.org" turns off TLS certificate checks in pip; remove it and trust the server\'s CA certificate instead' },
        { messageId: 'signature', at: '4:14-4:24' },
        { messageId: 'signature', at: '4:43-4:57' },
        { messageId: 'tls', at: '5:5-5:32' },
      ],
      fix: 'Remove "',
      output: 'FROM fedora:41\nRUN echo "sslverify=false" | tee -a /etc/dnf/dnf.conf\nRUN printf \'[global]\\ntrusted-host = pypi.org\\n\' > /etc/pip.conf\nRUN rpm -ivh pkg.rpm && rpm -i x.rpm\n',
    },
    {
      name: 'a package verified with gpg does not cover another one',
      code: 'FROM alpine:3.20\nRUN gpg --verify a.apk.asc a.apk && apk add --allow-untrusted a.apk b.apk\n',
      errors: [{ messageId: 'signature', at: '2:45-2:62' }],
      output: 'FROM alpine:3.20\nRUN gpg --verify a.apk.asc a.apk && apk add a.apk b.apk\n',
    },
    {
      name: 'curl -k inside combined short flags underlines the whole word; --insecure',
      code: 'FROM debian:12\nRUN curl -fsSLk https://x/y -o /tmp/y && curl --insecure https://x\n',
      errors: [
        { messageId: 'tls', at: '2:10-2:16', message: '"-fsSLk" turns off TLS certificate checks in curl; remove it and trust the server\'s CA certificate instead' },
        { messageId: 'tls', at: '2:47-2:57' },
      ],
      output: 'FROM debian:12\nRUN curl -fsSL https://x/y -o /tmp/y && curl https://x\n',
    },
    {
      name: 'sudo curl, wget, wget -e, apt-get flags and -o options across continuation lines',
      code:
        'FROM debian:12\nRUN sudo curl -k https://x | tar xz \\\n && wget --no-check-certificate https://x \\\n && wget -e check_certificate=off https://x \\\n' +
        ' && apt-get install --allow-unauthenticated -y -o Acquire::https::Verify-Peer=false foo \\\n' +
        ' && apt-get -oAcquire::AllowInsecureRepositories=true update \\\n && apt-get --force-yes install x\n',
      errors: [
        { messageId: 'tls', at: '2:15-2:17' },
        { messageId: 'tls', at: '3:10-3:32' },
        { messageId: 'tls', at: '4:10-4:34' },
        { messageId: 'signature', at: '5:21-5:44', message: '"--allow-unauthenticated" lets apt-get install packages without a valid signature; remove it and import the repository key instead' },
        { messageId: 'tls', at: '5:48-5:84' },
        { messageId: 'signature', at: '6:13-6:54' },
        { messageId: 'signature', at: '7:13-7:24' },
      ],
      output: 'FROM debian:12\nRUN sudo curl https://x | tar xz \\\n && wget https://x \\\n && wget https://x \\\n && apt-get install -y foo \\\n && apt-get update \\\n && apt-get install x\n',
    },
    {
      name: 'RPM family, apk and zypper',
      code:
        'FROM fedora:40\nRUN dnf install -y --nogpgcheck --setopt=sslverify=false x && yum install --setopt gpgcheck=0 y\n' +
        'RUN rpm -i --nodeps --nosignature http://x/y.rpm && apk add --allow-untrusted x.apk && zypper --no-gpg-checks in x\n',
      errors: [
        { messageId: 'signature', at: '2:20-2:32' },
        { messageId: 'tls', at: '2:33-2:57' },
        { messageId: 'signature', at: '2:75-2:94' },
        { messageId: 'signature', at: '3:21-3:34' },
        { messageId: 'signature', at: '3:61-3:78' },
        { messageId: 'signature', at: '3:95-3:110' },
      ],
      output: 'FROM fedora:40\nRUN dnf install -y x && yum install y\nRUN rpm -i --nodeps http://x/y.rpm && apk add x.apk && zypper in x\n',
    },
    {
      name: 'pip, python -m pip and pip config',
      code: 'FROM python:3.12\nRUN pip install --trusted-host pypi.corp x && python3 -m pip install --trusted-host=pypi.corp y && pip config set global.trusted-host pypi.corp\n',
      errors: [
        { messageId: 'tls', at: '2:17-2:41' },
        { messageId: 'tls', at: '2:70-2:94' },
        { messageId: 'tls', at: '2:115-2:144' },
      ],
      output: 'FROM python:3.12\nRUN pip install x && python3 -m pip install y && pip config set global.trusted-host pypi.corp\n',
    },
    {
      name: 'npm, yarn and composer configuration',
      code: 'FROM node:22\nRUN npm config set strict-ssl false && yarn config set strict-ssl false && npm install --strict-ssl=false x && npm i --no-strict-ssl\nRUN composer config -g disable-tls true\n',
      errors: [
        { messageId: 'tls', at: '2:20-2:36' },
        { messageId: 'tls', at: '2:56-2:72' },
        { messageId: 'tls', at: '2:88-2:106' },
        { messageId: 'tls', at: '2:118-2:133' },
        { messageId: 'tls', at: '3:24-3:40' },
      ],
      output: 'FROM node:22\nRUN npm config set strict-ssl false && yarn config set strict-ssl false && npm install x && npm i\nRUN composer config -g disable-tls true\n',
    },
    {
      name: 'git -c, git config, clone -c and an inline GIT_SSL_NO_VERIFY',
      code: 'FROM alpine:3.20\nRUN git -c http.sslVerify=false clone https://x && git config --global http.sslverify false && GIT_SSL_NO_VERIFY=1 git clone https://x && git clone -c http.sslVerify=false https://y\n',
      errors: [
        { messageId: 'tls', at: '2:9-2:32' },
        { messageId: 'tls', at: '2:72-2:92' },
        { messageId: 'tls', at: '2:96-2:115', message: '"GIT_SSL_NO_VERIFY=1" turns off TLS certificate checks in git; remove it and trust the server\'s CA certificate instead' },
        { messageId: 'tls', at: '2:149-2:172' },
      ],
      output: 'FROM alpine:3.20\nRUN git clone https://x && git config --global http.sslverify false && git clone https://x && git clone https://y\n',
    },
    {
      name: 'export in a RUN and a remote APT source marked trusted',
      code: 'FROM debian:12\nRUN export NODE_TLS_REJECT_UNAUTHORIZED=0 && echo "deb [trusted=yes] http://archive.debian.org/debian jessie main" > /etc/apt/sources.list\n',
      errors: [
        { messageId: 'tls', at: '2:12-2:42' },
        { messageId: 'signature', at: '2:57-2:68' },
      ],
    },
    {
      name: 'ENV and ARG properties, lowercase ONBUILD ENV; git counts any value',
      code: 'FROM node:22\nENV NODE_TLS_REJECT_UNAUTHORIZED=0 PYTHONHTTPSVERIFY=0\nENV GIT_SSL_NO_VERIFY false\nARG NPM_CONFIG_STRICT_SSL=false\nENV PIP_TRUSTED_HOST=""\nonbuild env npm_config_strict_ssl=false\n',
      errors: [
        { messageId: 'tls', at: '2:5-2:35' },
        { messageId: 'tls', at: '2:36-2:55' },
        { messageId: 'tls', at: '3:5-3:28', message: '"GIT_SSL_NO_VERIFY=false" turns off TLS certificate checks in git; remove it and trust the server\'s CA certificate instead' },
        { messageId: 'tls', at: '4:5-4:32' },
        { messageId: 'tls', at: '6:13-6:40' },
      ],
      output: 'FROM node:22\nENV PIP_TRUSTED_HOST=""\n',
    },
    {
      name: 'ENV value resolved through an ARG default',
      code: 'FROM node:22\nARG TLS_CHECK=0\nENV NODE_TLS_REJECT_UNAUTHORIZED=${TLS_CHECK}\n',
      errors: [{ messageId: 'tls', at: '3:5-3:46' }],
      output: 'FROM node:22\nARG TLS_CHECK=0\n',
    },
    {
      name: 'exec form sh -c, heredoc script and ONBUILD RUN',
      code: 'FROM debian:12\nRUN ["/bin/sh", "-c", "curl -k https://x"]\nRUN <<EOF\nset -e\napk add --allow-untrusted /tmp/x.apk\nEOF\nONBUILD RUN wget --no-check-certificate https://x\n',
      errors: [
        { messageId: 'tls', at: '2:29-2:31' },
        { messageId: 'signature', at: '5:9-5:26' },
        { messageId: 'tls', at: '7:18-7:40' },
      ],
      output: 'FROM debian:12\nRUN ["/bin/sh", "-c", "curl https://x"]\nRUN <<EOF\nset -e\napk add /tmp/x.apk\nEOF\nONBUILD RUN wget https://x\n',
    },
    {
      name: 'escape directive with backtick continuation',
      code: '# escape=`\nFROM debian:12\nRUN apt-get update && `\n    apt-get install -y --allow-unauthenticated foo\n',
      errors: [{ messageId: 'signature', at: '4:24-4:47' }],
      output: '# escape=`\nFROM debian:12\nRUN apt-get update && `\n    apt-get install -y foo\n',
    },
    {
      name: 'Compose environment in map and list form, interpolation default and build args',
      kind: 'compose',
      code:
        'services:\n  api:\n    image: node:22\n    environment:\n      NODE_TLS_REJECT_UNAUTHORIZED: "0"\n      GIT_SSL_NO_VERIFY: "false"\n      NODE_ENV: production\n' +
        '  worker:\n    environment:\n      - "PIP_TRUSTED_HOST=pypi.corp"\n      - NODE_TLS_REJECT_UNAUTHORIZED=${TLS:-0}\n' +
        '  x:\n    build:\n      context: .\n      args:\n        NPM_CONFIG_STRICT_SSL: "false"\n',
      errors: [
        { messageId: 'tls', at: '5:7-5:40' },
        { messageId: 'tls', at: '6:7-6:33' },
        { messageId: 'tls', at: '10:9-10:37' },
        { messageId: 'tls', at: '11:9-11:47' },
        { messageId: 'tls', at: '16:9-16:39' },
      ],
      output: 'services:\n  api:\n    image: node:22\n    environment:\n      NODE_ENV: production\n  worker:\n  x:\n    build:\n      context: .\n',
    },
    {
      name: 'Compose: merge key reported on the << entry, flow style map',
      kind: 'compose',
      code: 'x-env: &env\n  environment:\n    NODE_TLS_REJECT_UNAUTHORIZED: 0\nservices:\n  a:\n    <<: *env\n    image: x\n  b: {image: y, environment: {YARN_STRICT_SSL: "false"}}\n',
      errors: [
        { messageId: 'tls', at: '6:5-6:13' },
        { messageId: 'tls', at: '8:31-8:55' },
      ],
      output: 'x-env: &env\n  environment:\n    NODE_TLS_REJECT_UNAUTHORIZED: 0\nservices:\n  a:\n    <<: *env\n    image: x\n  b: {image: y}\n',
    },
    {
      name: 'fix: a flag alone on a continuation line takes the line; CRLF line endings survive',
      code: 'FROM debian:12\r\nRUN curl -fsSL \\\r\n      --insecure \\\r\n      https://x -o /x\r\n',
      errors: [{ messageId: 'tls', at: '3:7-3:17' }],
      output: 'FROM debian:12\r\nRUN curl -fsSL \\\r\n      https://x -o /x\r\n',
    },
    {
      name: 'fix: a flag alone on the last line takes the continuation before it; a comment line stays',
      code: 'FROM debian:12\n# packages\nRUN apt-get install -y foo \\\n    --allow-unauthenticated\nRUN true\n',
      errors: [{ messageId: 'signature', at: '4:5-4:28' }],
      output: 'FROM debian:12\n# packages\nRUN apt-get install -y foo\nRUN true\n',
    },
    {
      name: 'fix: exec-form items, a flag with its value at the end of the array',
      code: 'FROM python:3.12\nRUN ["curl", "-k", "-o", "/x", "https://x"]\nRUN ["pip", "install", "x", "--trusted-host", "pypi.corp"]\n',
      errors: [
        { messageId: 'tls', at: '2:15-2:17' },
        { messageId: 'tls', at: '3:30-3:57' },
      ],
      output: 'FROM python:3.12\nRUN ["curl", "-o", "/x", "https://x"]\nRUN ["pip", "install", "x"]\n',
    },
    {
      name: 'fix: in a heredoc script the shell continuation is a backslash, whatever the escape directive',
      code: '# escape=`\nFROM debian:12\nRUN <<EOF\ncurl -fsSL \\\n  -k \\\n  https://x\nEOF\n',
      errors: [{ messageId: 'tls', at: '5:3-5:5' }],
      output: '# escape=`\nFROM debian:12\nRUN <<EOF\ncurl -fsSL \\\n  https://x\nEOF\n',
    },
    {
      name: 'fix: Compose entry with comments and CRLF; a list shared through an alias is left alone',
      kind: 'compose',
      code: 'x-env: &env\r\n  - GIT_SSL_NO_VERIFY=1\r\nservices:\r\n  api:\r\n    environment:\r\n      # dev only\r\n      NODE_TLS_REJECT_UNAUTHORIZED: "0" # insecure\r\n      NODE_ENV: production\r\n  b:\r\n    environment: *env\r\n',
      errors: [
        { messageId: 'tls', at: '2:5-2:24' },
        { messageId: 'tls', at: '7:7-7:40' },
      ],
      output: 'x-env: &env\r\n  - GIT_SSL_NO_VERIFY=1\r\nservices:\r\n  api:\r\n    environment:\r\n      # dev only\r\n      NODE_ENV: production\r\n  b:\r\n    environment: *env\r\n',
    },
  ],
});
