import rule from '../../server/src/rules/no-credential-files-in-image';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'the variable points at a secret mounted at run time', code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nENV GOOGLE_APPLICATION_CREDENTIALS=/run/secrets/gcp-key.json\n' },
    { name: 'a directory copy elsewhere', code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY src/ /app/src/\nENV KUBECONFIG=/etc/kube/config\n' },
    { name: 'copied from another stage (built, not from the context), or in a build stage only', code: 'FROM golang:1.23 AS build\nCOPY key.json /key.json\nENV GOOGLE_APPLICATION_CREDENTIALS=/key.json\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app\n' },
    { name: 'an unknown path', code: 'FROM alpine:3.20\nCOPY . /app\nENV KUBECONFIG=$KUBE_DIR/config\n' },
    { name: 'other variables', code: 'FROM alpine:3.20\nCOPY config.json /app/config.json\nENV APP_CONFIG=/app/config.json\n' },
    {
      // 820 relative WORKDIRs of five characters: a path of 4,100 characters, which Linux cannot make the working directory.
      name: 'relative WORKDIRs that add up past PATH_MAX: the image cannot build, nothing is reported',
      code: `FROM python:3.12-slim\n${'WORKDIR abcd\n'.repeat(820)}COPY service-key.json ./\nENV GOOGLE_APPLICATION_CREDENTIALS=service-key.json\n`,
    },
    {
      name: 'a credential path longer than PATH_MAX: no file can be there',
      code: `FROM python:3.12-slim\nCOPY . /\nENV GOOGLE_APPLICATION_CREDENTIALS=/${'abcd/'.repeat(820)}key.json\n`,
    },
    {
      name: 'excluded by .dockerignore',
      code: 'FROM node:22\nWORKDIR /app\nCOPY . .\nENV GOOGLE_APPLICATION_CREDENTIALS=./key.json\n',
      files: { '/work/project/.dockerignore': 'node_modules\nkey.json\n' },
    },
  ],
  invalid: [
    {
      // 815 relative WORKDIRs: the file's path has 4,092 characters, still a path Linux takes.
      name: 'relative WORKDIRs that add up to nearly PATH_MAX: still followed',
      code: `FROM python:3.12-slim\n${'WORKDIR abcd\n'.repeat(815)}COPY service-key.json ./\nENV GOOGLE_APPLICATION_CREDENTIALS=service-key.json\n`,
      errors: [{ messageId: 'named', at: '818:5-818:52' }],
    },
    {
      name: 'a named copy: an error on the variable',
      code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY service-key.json requirements.txt ./\nENV GOOGLE_APPLICATION_CREDENTIALS=/app/service-key.json\n',
      errors: [
        {
          messageId: 'named',
          at: '4:5-4:57',
          message: '"GOOGLE_APPLICATION_CREDENTIALS" points at "/app/service-key.json" (a Google Cloud service account key), and line 3 copies that file into the image: anyone who pulls the image can read it',
        },
      ],
    },
    {
      name: 'COPY . . with a relative path read from WORKDIR: a warning',
      code: 'FROM node:22\nWORKDIR /app\nCOPY . .\nENV GOOGLE_APPLICATION_CREDENTIALS=./key.json\n',
      files: { '/work/project/.dockerignore': 'node_modules\n' },
      errors: [
        {
          messageId: 'directory',
          at: '4:5-4:46',
          message: '"GOOGLE_APPLICATION_CREDENTIALS" points at "./key.json" (a Google Cloud service account key), inside the directory that line 3 copies from the build context, and no .dockerignore excludes it: the credentials would ship in the image',
        },
      ],
    },
    {
      name: 'AWS, a KUBECONFIG list under $HOME, DOCKER_CONFIG as a directory, a glob source',
      code:
        'FROM alpine:3.20\nCOPY aws-credentials /root/.aws/credentials\nCOPY kube/ /root/.kube/\nCOPY docker-auth/*.json /etc/docker-auth/\n' +
        'ENV AWS_SHARED_CREDENTIALS_FILE=/root/.aws/credentials KUBECONFIG=/etc/other:$HOME/.kube/config\nENV DOCKER_CONFIG=/etc/docker-auth\n',
      errors: [
        { messageId: 'named', at: '5:5-5:55' },
        { messageId: 'directory', at: '5:56-5:96' },
        { messageId: 'named', at: '6:5-6:35' },
      ],
    },
    {
      name: 'in a stage the final stage builds on, legacy ENV syntax',
      code: 'FROM python:3.12 AS base\nCOPY . /srv\nFROM base\nENV PGPASSFILE /srv/.pgpass\n',
      errors: [{ messageId: 'directory', at: '4:5-4:28' }],
    },
  ],
});
