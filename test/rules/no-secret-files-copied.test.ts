import rule from '../../server/src/rules/no-secret-files-copied';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'ordinary sources', code: 'FROM node:22\nCOPY package.json package-lock.json ./\nCOPY . .\n' },
    { name: 'templates and public material', code: 'FROM node:22\nCOPY .env.example .env.sample .env.template .env.dist id_rsa.pub fullchain.pem cert.pem ca.pem server.crt /app/\n' },
    { name: 'known_hosts and authorized_keys', code: 'FROM alpine:3.20\nCOPY .ssh/known_hosts authorized_keys /root/.ssh/\n' },
    { name: 'a bare *.pem glob usually selects certificates', code: 'FROM nginx:1.27\nCOPY certs/*.pem /etc/nginx/certs/\n' },
    { name: 'secret file names in the destination only', code: 'FROM alpine:3.20\nCOPY deploy.conf /root/.ssh/config\nCOPY app.env /app/.env\n' },
    { name: 'heredoc body written to a secret-looking path', code: 'FROM node:22\nCOPY <<EOF /root/.npmrc\nregistry=https://registry.example.com/\nEOF\n' },
    { name: 'remote ADD sources are URLs, not files', code: 'FROM alpine:3.20\nADD https://example.com/downloads/server.key.txt /tmp/\n' },
    { name: 'source from an ARG without default', code: 'FROM alpine:3.20\nARG KEYFILE\nCOPY ${KEYFILE} /etc/app/\n' },
    { name: 'project folder named .docker', code: 'FROM php:8.3-fpm\nCOPY .docker/php/php.ini /usr/local/etc/php/\n' },
    { name: 'secret mount instead of a copy', code: 'FROM node:22\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n' },
  ],
  invalid: [
    {
      name: 'one secret among several sources: only that argument',
      code: 'FROM node:22\nCOPY package.json .npmrc ./\n',
      errors: [
        {
          messageId: 'secretFile',
          at: '2:19-2:25',
          message: '".npmrc" is a credentials file; copying it stores the secret in an image layer, so mount it as a build secret instead',
        },
      ],
    },
    {
      name: 'SSH keys, .ssh directory, dotenv: lowercase keyword and line continuation',
      code: 'FROM alpine:3.20\ncopy --chown=app:app id_rsa \\\n     .ssh/ \\\n     .env.production /home/app/\n',
      errors: [
        { messageId: 'secretFile', at: '2:22-2:28', message: '"id_rsa" is an SSH private key; copying it stores the secret in an image layer, so mount it as a build secret instead' },
        { messageId: 'secretFile', at: '3:6-3:11' },
        { messageId: 'secretFile', at: '4:6-4:21' },
      ],
    },
    {
      name: 'ADD and JSON form; private keys, key stores and globs',
      code: 'FROM nginx:1.27\nADD ["tls/privkey.pem", "tls/fullchain.pem", "/etc/nginx/tls/"]\nCOPY *.key keystore.p12 /secrets/\n',
      errors: [
        { messageId: 'secretFile', at: '2:7-2:22', message: '"tls/privkey.pem" is a private key; copying it stores the secret in an image layer, so mount it as a build secret instead' },
        { messageId: 'secretFile', at: '3:6-3:11' },
        { messageId: 'secretFile', at: '3:12-3:24' },
      ],
    },
    {
      name: 'cloud and registry credentials',
      code: 'FROM google/cloud-sdk:497.0.0\nCOPY .aws/credentials .docker/config.json service-account.json kubeconfig .git-credentials /root/\n',
      errors: [
        { messageId: 'secretFile', at: '2:6-2:22' },
        { messageId: 'secretFile', at: '2:23-2:42' },
        { messageId: 'secretFile', at: '2:43-2:63' },
        { messageId: 'secretFile', at: '2:64-2:74' },
        { messageId: 'secretFile', at: '2:75-2:91' },
      ],
    },
    {
      name: 'copy from another stage still puts the file in this image',
      code: 'FROM alpine:3.20 AS keys\nRUN ssh-keygen -f /k/id_ed25519 -N ""\nFROM alpine:3.20\nCOPY --from=keys /k/id_ed25519 /root/.ssh/\n',
      errors: [{ messageId: 'secretFile', at: '4:18-4:31' }],
    },
    {
      name: 'source resolved from an ARG default; message shows the resolved path',
      code: 'FROM alpine:3.20\nARG ENV_FILE=.env\nCOPY ${ENV_FILE} /app/\n',
      errors: [{ messageId: 'secretFile', at: '3:6-3:17', message: '".env" is a dotenv file; copying it stores the secret in an image layer, so mount it as a build secret instead' }],
    },
    {
      name: 'backtick escape directive with continuation, ONBUILD COPY',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY app.pfx `\n  C:\\app\\\nONBUILD COPY .htpasswd /etc/nginx/\n',
      errors: [
        { messageId: 'secretFile', at: '3:6-3:13' },
        { messageId: 'secretFile', at: '5:14-5:23' },
      ],
    },
    {
      name: 'heredoc COPY: sources on the command line are still checked',
      code: 'FROM alpine:3.20\nCOPY id_rsa <<EOF /root/.ssh/\nHost *\nEOF\n',
      errors: [{ messageId: 'secretFile', at: '2:6-2:12' }],
    },
  ],
});
