import rule from '../../server/src/rules/package-versions-pinned';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'APT, apk and zypper with =', code: 'FROM debian:12\nRUN apt-get install -y curl=7.88.1-10+deb12u8 "libc6:amd64=2.36-9" && apk add bash=5.2.26-r0 tini~0.19 && zypper in -y nginx=1.26.2\n' },
    { name: 'pip ==, ~=, an upper bound, extras; requirement and constraint files', code: 'FROM python:3.12\nRUN pip install flask==3.0.3 "uvicorn[standard]~=0.30" "httpx>=0.27,<0.28" -r requirements.txt && pip install -c constraints.txt rich\n' },
    { name: 'npm with versions and scopes; bare npm install and npm ci follow the lock file', code: 'FROM node:22\nRUN npm install -g typescript@5.5.4 @angular/cli@18.1.0 && npm install && npm ci\n' },
    { name: 'gem with :version or -v', code: 'FROM ruby:3.3\nRUN gem install bundler:2.5.16 && gem install rails -v 7.1.3 --no-document\n' },
    { name: 'dnf/yum with name-version, a version variable, groups and modules', code: 'FROM fedora:40\nRUN dnf install -y httpd-2.4.62 "rethinkdb-$RDB_VERSION" @development-tools\n' },
    { name: 'go install with a version', code: 'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@v0.16.2 && go install ./cmd/app\n' },
    { name: 'local files, URLs and variables holding lists are not packages to pin', code: 'FROM debian:12\nRUN apt-get install -y ./pkg.deb /tmp/x.deb $PACKAGES && pip install . dist/app-1.0-py3-none-any.whl git+https://github.com/x/y@v1 && npm install -g ./tool.tgz\n' },
    {
      name: 'version-control URLs with a tag or a commit; gem build options after --',
      code:
        'FROM python:3.12\nRUN pip install "git+https://github.com/org/lib.git@v2.1.0#egg=lib" git+ssh://git@github.com/org/x.git@3f2a9c1d \\\n' +
        ' && npm install -g github:org/tool#v1.4.2 git+https://github.com/org/cli.git#9c1d3f2a7b\nRUN gem install mysql2 -v 0.5.6 -- --with-mysql-config=/usr/bin/mysql_config\n',
    },
    { name: 'dnf in with a version', code: 'FROM fedora:41\nRUN dnf in -y httpd-2.4.62\n' },
    { name: 'apt-get -t takes a value, not a package (KICS expects a finding here)', code: 'FROM debian:12\nRUN apt-get install -y -t python\n' },
  ],
  invalid: [
    {
      name: 'version-control URLs that follow a branch or name no ref; dnf in; gem with build options',
      code:
        'FROM python:3.12\nRUN pip install git+https://github.com/org/lib.git "git+https://github.com/org/x.git@main"\n' +
        'RUN npm install -g github:org/tool git+https://github.com/org/cli.git#develop\nRUN dnf in -y httpd && gem install nokogiri -- --use-system-libraries\n',
      errors: [
        { messageId: 'vcs', at: '2:17-2:51', message: '"git+https://github.com/org/lib.git" is installed from a repository branch, which moves; name a tag or a commit instead' },
        { messageId: 'vcs', at: '2:52-2:91' },
        { messageId: 'vcs', at: '3:20-3:35' },
        { messageId: 'vcs', at: '3:36-3:78' },
        { messageId: 'yum', at: '4:15-4:20' },
        { messageId: 'gem', at: '4:36-4:44' },
      ],
    },
    {
      name: 'every unpinned APT package on a continued line, in its own range',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y \\\n    curl \\\n    git=1:2.39.5-0+deb12u1 \\\n    ca-certificates\n',
      errors: [
        { messageId: 'apt', at: '3:5-3:9', message: '"curl" is installed from APT without a version; pin it as "curl=<version>"' },
        { messageId: 'apt', at: '5:5-5:20' },
      ],
    },
    {
      name: 'apk with a repository tag, pip floor only, exec form',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache tini@community py3-pip\nRUN ["pip", "install", "requests>=2"]\n',
      errors: [
        { messageId: 'apk', at: '2:24-2:38', message: '"tini@community" is installed from apk without a version; pin it as "tini=<version>"' },
        { messageId: 'apk', at: '2:39-2:46' },
        { messageId: 'pip', at: '3:25-3:36', message: '"requests>=2" is installed from pip without a fixed version; pin it as "requests==<version>"' },
      ],
    },
    {
      name: 'npm: global installs, @latest, scoped packages; lowercase run and sudo',
      code: 'FROM node:22\nrun sudo npm i -g @angular/cli sax@latest serve@14\n',
      errors: [
        { messageId: 'npm', at: '2:19-2:31', message: '"@angular/cli" is installed from npm without a fixed version; pin it as "@angular/cli@<version>"' },
        { messageId: 'npm', at: '2:32-2:42' },
      ],
    },
    {
      name: 'gem: -v pins only the gem before it',
      code: 'FROM ruby:3.3\nRUN gem install grpc -v 1.62.0 blunder\n',
      errors: [{ messageId: 'gem', at: '2:32-2:39', message: '"blunder" is installed as a gem without a version; pin it as "blunder:<version>" or add "-v <version>"' }],
    },
    {
      name: 'dnf, yum and microdnf; a number in the name is not a version',
      code: 'FROM rockylinux:9\nRUN dnf install -y httpd java-17-openjdk && yum -y install python3 && microdnf install nginx-1.24.0\n',
      errors: [
        { messageId: 'yum', at: '2:20-2:25', message: '"httpd" is installed without a version; pin it as "httpd-<version>"' },
        { messageId: 'yum', at: '2:26-2:41' },
        { messageId: 'yum', at: '2:60-2:67' },
      ],
    },
    {
      name: 'zypper and go install @latest / no version',
      code: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive install nginx\nRUN go install golang.org/x/tools/gopls@latest github.com/x/tool\n',
      errors: [
        { messageId: 'zypper', at: '2:38-2:43' },
        { messageId: 'go', at: '3:16-3:47', message: '"golang.org/x/tools/gopls@latest" is installed with go install without a fixed version; pin it as "golang.org/x/tools/gopls@<version>"' },
        { messageId: 'go', at: '3:48-3:65' },
      ],
    },
    {
      name: 'every stage, heredoc and ONBUILD',
      code: 'FROM python:3.12 AS build\nRUN <<EOF\npip install build\nEOF\nFROM python:3.12-slim\nONBUILD RUN pip install gunicorn\n',
      errors: [
        { messageId: 'pip', at: '3:13-3:18' },
        { messageId: 'pip', at: '6:25-6:33' },
      ],
    },
  ],
});
