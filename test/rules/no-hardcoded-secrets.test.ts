import rule from '../../server/src/rules/no-hardcoded-secrets';
import { testRule } from '../helpers/rule-tester';

// Fake tokens with real shapes, assembled so this file does not trip secret scanners itself.
const GH = 'ghp' + '_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5'; // 40 chars
const NPM = 'npm' + '_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'; // 40 chars
const AWS = 'AKIA' + 'Q3EGRTZ7VX4PLM2N'; // 20 chars
const SLACK = 'xoxb' + '-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy'; // 53 chars

testRule(rule, {
  valid: [
    { name: 'GPG key fingerprints (legacy ENV form)', code: 'FROM python:3.12\nENV GPG_KEY A035C8C19219BA821ECEA86B64E628F8D684696D\nENV GPG_KEYS 7169605F62C751356D054A26A821E680E5FA6305\n' },
    { name: 'names that qualify a secret', code: 'FROM alpine:3.20\nENV PASSWORD_FILE=/run/secrets/db TOKEN_URL=https://auth.example.com/token PASSWORD_MIN_LENGTH=12\n' },
    { name: 'public keys and ids', code: 'FROM node:22\nENV NEXT_PUBLIC_API_KEY=pk_abc123 AWS_ACCESS_KEY_ID_NAME=x API_KEY_ID=key-42\n' },
    { name: 'references, empty values and switches', code: 'FROM mysql:8.4\nARG DB_PASSWORD\nENV DB_PASSWORD=${DB_PASSWORD} MYSQL_ALLOW_EMPTY_PASSWORD=yes MYSQL_ROOT_PASSWORD="" API_TOKEN=$TOKEN\n' },
    { name: 'reference without a literal default', code: 'FROM alpine:3.20\nENV DB_PASSWORD=${DB_PASSWORD:-}\n' },
    { name: 'placeholder value', code: 'FROM alpine:3.20\nENV API_KEY=<your-api-key>\n' },
    { name: 'URL without a password or with a referenced one', code: 'FROM alpine:3.20\nRUN git clone https://github.com/org/repo.git && curl -fsSL "https://ci:${CI_TOKEN}@example.com/x"\n' },
    { name: 'AWS documentation example key and a JWT', code: 'FROM alpine:3.20\nLABEL example="AKIAIOSFODNN7EXAMPLE" jwt="eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlX2hlcmVfMTIzNDU2Nzg5"\n' },
    { name: 'secret mount, no value in the file', code: 'FROM node:22\nRUN --mount=type=secret,id=npm,env=NPM_TOKEN npm ci\n' },
    { name: 'URL credentials in a comment are examples, not scanned', code: '# connect with postgres://user:pass@localhost/db\nFROM postgres:16\n' },
    {
      name: 'Compose: secret files, references, switches and pass-through',
      code:
        'services:\n  db:\n    image: mysql:8.4\n    environment:\n      MYSQL_ROOT_PASSWORD_FILE: /run/secrets/db\n      MYSQL_PASSWORD: ${MYSQL_PASSWORD}\n' +
        '      MYSQL_RANDOM_ROOT_PASSWORD: "yes"\n      DATABASE_PASSWORD: /run/secrets/db-password\n      RUNTIME_SECRET: $${FROM_CONTAINER}\n' +
        '  app:\n    environment:\n      - DB_PASSWORD\n      - DATABASE_URL=postgres://app:${DB_PASSWORD}@db/app\n      - TOKEN_TTL=3600\n',
    },
    { name: 'Compose: Kafka credentials file names', code: 'services:\n  kafka:\n    environment:\n      KAFKA_SSL_KEY_CREDENTIALS: broker_sslkey_creds\n      KAFKA_SSL_KEYSTORE_FILENAME: kafka.keystore.jks\n' },
    {
      name: 'Compose: numbers for settings about tokens, access keys (user names), $$ escapes and *_FILE references are not secrets',
      code:
        'services:\n  app:\n    image: app:1\n    environment:\n      TOKEN_USAGE_RETENTION: 30\n      PASSWORD_HISTORY: 12\n      MINIO_ACCESS_KEY: budibase_minio\n' +
        '      S3_ACCESS_KEY: app-user\n      DB_PASSWORD: $${DB_PASSWORD}\n      API_TOKEN: "$$API_TOKEN"\n      SMTP_PASSWORD_FILE: smtp-password\n      KAFKA_SSL_CLIENT_AUTH: required\n',
    },
    { name: 'a connection string whose password is a reference', code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nENV ConnectionStrings__Db="Server=db;User Id=sa;Password=${SA_PASSWORD}"\n' },
    { name: 'Compose: top-level secrets are not values of a service', code: 'services:\n  db:\n    secrets: [db-password]\nsecrets:\n  db-password:\n    file: ./password.txt\n' },
  ],
  invalid: [
    {
      name: 'ENV with a literal password: the value',
      code: 'FROM alpine:3.20\nENV DB_PASSWORD=hunter2\n',
      errors: [{ messageId: 'secretName', at: '2:17-2:24', message: '"DB_PASSWORD" gets a hardcoded value in the file; pass the secret at run time or as a BuildKit secret instead' }],
    },
    {
      name: 'legacy ENV form, lowercase name and keyword',
      code: 'FROM mcr.microsoft.com/mssql/server:2022-latest\nenv sa_password g0rd0n1!\n',
      errors: [{ messageId: 'secretName', at: '2:17-2:25' }],
    },
    {
      name: 'ARG default and quoted multi-property ENV',
      code: 'FROM alpine:3.20\nARG API_KEY=abc123def\nENV MODE=prod SECRET_KEY="s3cr3t value"\n',
      errors: [
        { messageId: 'secretName', at: '2:13-2:22' },
        { messageId: 'secretName', at: '3:26-3:40' },
      ],
    },
    {
      name: 'a reference with a literal default is a default secret',
      code: 'FROM alpine:3.20\nENV DB_PASSWORD=${DB_PASSWORD:-example}\n',
      errors: [{ messageId: 'defaultSecret', at: '2:17-2:40', message: '"DB_PASSWORD" falls back to a value written in the file when the variable is unset; drop the default so a missing secret stops the deployment' }],
    },
    {
      name: 'a secret-named value holding a token is reported once, by name',
      code: `FROM alpine:3.20\nENV GITHUB_TOKEN=${GH}\n`,
      errors: [{ messageId: 'secretName', at: '2:18-2:58' }],
    },
    {
      name: 'URL credentials in RUN: user:password only',
      code: 'FROM alpine:3.20\nRUN git clone https://deploy:Tr0ub4dor@git.example.com/app.git /app\n',
      errors: [{ messageId: 'urlPassword', at: '2:23-2:39', message: 'This URL embeds a password; move the credentials out of the file and pass them as a secret' }],
    },
    {
      name: 'npm token echoed into .npmrc across a line continuation',
      code: `FROM node:22\nRUN echo "//registry.npmjs.org/:_authToken=${NPM}" \\\n    > /root/.npmrc && npm ci\n`,
      errors: [{ messageId: 'secretToken', at: '2:44-2:84', message: 'This is an npm token in plain text; revoke it and pass it at run time or as a build secret instead' }],
    },
    {
      name: 'token formats in LABEL, heredoc RUN and exec-form CMD',
      code: `FROM alpine:3.20\nLABEL aws.key="${AWS}"\nRUN <<EOF\ncurl -H "Authorization: Bearer ${SLACK}" https://slack.com/api\nEOF\nCMD ["psql", "postgres://app:pw123@db/app"]\n`,
      errors: [
        { messageId: 'secretToken', at: '2:16-2:36' },
        { messageId: 'secretToken', at: '4:32-4:85' },
        { messageId: 'urlPassword', at: '6:26-6:35' },
      ],
    },
    {
      name: 'ONBUILD ENV and a private key written by RUN',
      code: 'FROM alpine:3.20\nONBUILD ENV ADMIN_PASSWORD=changeme\nRUN printf -- "-----BEGIN OPENSSH PRIVATE KEY-----\\nb3Blbn..." > /root/.ssh/id_ed25519\n',
      errors: [
        { messageId: 'secretName', at: '2:28-2:36' },
        { messageId: 'secretToken', at: '3:16-3:51' },
      ],
    },
    {
      name: 'a token pasted in a comment',
      code: `FROM alpine:3.20\n# token: ${GH}\nRUN true\n`,
      errors: [{ messageId: 'secretToken', at: '2:10-2:50' }],
    },
    {
      name: 'a secret in a second stage is still in the file',
      code: 'FROM golang:1.23 AS build\nARG GITLAB_TOKEN=glpat-abc\nFROM alpine:3.20\n',
      errors: [{ messageId: 'secretName', at: '2:18-2:27' }],
    },
    {
      name: 'Compose map environment, number and quoted values, literal default',
      code:
        'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: example\n      REDIS_PASSWORD: 123456\n' +
        '      JWT_SECRET: "a b c"\n      ORACLE_PWD: ${ORACLE_PWD:-BEstr0ng_#1234}\n',
      errors: [
        { messageId: 'composeSecret', at: '5:26-5:33', message: '"POSTGRES_PASSWORD" gets a hardcoded value in the Compose file; pass it at run time from a Compose secret or an untracked .env file' },
        { messageId: 'composeSecret', at: '6:23-6:29' },
        { messageId: 'composeSecret', at: '7:19-7:26' },
        { messageId: 'defaultSecret', at: '8:19-8:48' },
      ],
      output: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password\n      REDIS_PASSWORD: 123456\n      JWT_SECRET: "a b c"\n      ORACLE_PWD: ${ORACLE_PWD:-BEstr0ng_#1234}\n    secrets:\n      - postgres_password\nsecrets:\n  postgres_password:\n    file: ./secrets/postgres_password.txt\n',
      fix: 'Move POSTGRES_PASSWORD',
    },
    {
      name: 'Compose list environment, plain and quoted items',
      code: 'services:\n  db:\n    environment:\n      - MYSQL_ROOT_PASSWORD=root\n      - "GF_SECURITY_ADMIN_PASSWORD=password"\n',
      errors: [
        { messageId: 'composeSecret', at: '4:29-4:33' },
        { messageId: 'composeSecret', at: '5:37-5:45' },
      ],
      output: 'services:\n  db:\n    environment:\n      - MYSQL_ROOT_PASSWORD=root\n      - "GF_SECURITY_ADMIN_PASSWORD_FILE=/run/secrets/gf_security_admin_password"\n    secrets:\n      - gf_security_admin_password\nsecrets:\n  gf_security_admin_password:\n    file: ./secrets/gf_security_admin_password.txt\n',
      fix: 'Move GF_SECURITY_ADMIN_PASSWORD',
    },
    {
      name: 'Compose flow-style environment and build.args',
      code: 'services:\n  app:\n    build:\n      context: .\n      args: {NPM_TOKEN: abcdef123456}\n    environment: {apiKey: k-123-xyz}\n',
      errors: [
        { messageId: 'buildArgSecret', at: '5:25-5:37', message: 'Build argument "NPM_TOKEN" gets a hardcoded value in the Compose file; pass it as a build secret (build.secrets) instead' },
        { messageId: 'composeSecret', at: '6:27-6:36' },
      ],
      output: 'services:\n  app:\n    build:\n      context: .\n      args: {NPM_TOKEN: abcdef123456}\n    environment: {apiKey_FILE: /run/secrets/apikey}\n    secrets:\n      - apikey\nsecrets:\n  apikey:\n    file: ./secrets/apikey.txt\n',
    },
    {
      name: 'Compose URL credentials and tokens in any service value; a token used as URL password is reported as the token',
      code:
        'services:\n  app:\n    environment:\n      DATABASE_URL: "postgresql://postgres:postgres@db:5432/postgres"\n' +
        `    command: ["sh", "-c", "git clone https://x:${GH}@github.com/o/r.git"]\n    labels:\n      aws: ${AWS}\n`,
      errors: [
        { messageId: 'urlPassword', at: '4:35-4:52' },
        { messageId: 'secretToken', at: '5:48-5:88' },
        { messageId: 'secretToken', at: '7:12-7:32' },
      ],
    },
    {
      name: 'credentials in URLs and DSNs: no user (redis), mongodb+srv, amqp, https tokens; ENV, ARG and LABEL',
      code:
        'FROM python:3.12-slim\nENV REDIS_URL=redis://:s3cretpw@cache:6379/0\nARG MONGO_URI=mongodb+srv://app:Pa55word@cluster0.example.net/db\n' +
        'LABEL source="https://deploy:glx-abc123@git.example.com/o/r.git"\nENV BROKER_URL=amqp://guest:guest@rabbitmq:5672//\n',
      errors: [
        { messageId: 'urlPassword', at: '2:23-2:32' },
        { messageId: 'urlPassword', at: '3:29-3:41' },
        { messageId: 'urlPassword', at: '4:23-4:40' },
        { messageId: 'urlPassword', at: '5:23-5:34' },
      ],
    },
    {
      name: 'a connection string in ENV and in Compose environment and labels: the password',
      code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nENV ConnectionStrings__Db="Server=db;Database=app;User Id=sa;Password=Pass@word1;"\n',
      errors: [{ messageId: 'dsnPassword', at: '2:71-2:81', message: 'This connection string embeds a password; move it out of the file and pass it as a secret' }],
    },
    {
      name: 'Compose: DSN passwords in environment and labels, *_AUTH credentials, a default secret at a lower severity',
      code:
        'services:\n  web:\n    image: web:1\n    environment:\n      - DB_CONNECTION_STRING=Server=db;Database=app;User Id=sa;Password=d0ck3r_Labs!;\n' +
        '      - NEO4J_AUTH=neo4j/vulhub\n      - REDIS_PASSWORD=${REDIS_PASSWORD:-letmein}\n    labels:\n      db.dsn: "host=db user=app password=s3cret dbname=app"\n',
      errors: [
        { messageId: 'dsnPassword', at: '5:73-5:85' },
        { messageId: 'composeSecret', at: '6:20-6:32' },
        { messageId: 'defaultSecret', at: '7:24-7:50' },
        { messageId: 'dsnPassword', at: '9:42-9:48' },
      ],
      fix: 'NEO4J_AUTH',
      output:
        'services:\n  web:\n    image: web:1\n    environment:\n      - DB_CONNECTION_STRING=Server=db;Database=app;User Id=sa;Password=d0ck3r_Labs!;\n' +
        '      - NEO4J_AUTH_FILE=/run/secrets/neo4j_auth\n      - REDIS_PASSWORD=${REDIS_PASSWORD:-letmein}\n    labels:\n      db.dsn: "host=db user=app password=s3cret dbname=app"\n' +
        '    secrets:\n      - neo4j_auth\nsecrets:\n  neo4j_auth:\n    file: ./secrets/neo4j_auth.txt\n',
    },
    {
      name: 'Compose secret in an anchor shared by two services: once, where it is written',
      code:
        'x-env: &env\n  POSTGRES_PASSWORD: airflow\n  SQL_CONN: postgresql+psycopg2://airflow:airflow@postgres/airflow\n' +
        'services:\n  a:\n    environment: *env\n  b:\n    environment:\n      <<: *env\n      EXTRA: "1"\n',
      errors: [
        { messageId: 'composeSecret', at: '2:22-2:29' },
        { messageId: 'urlPassword', at: '3:35-3:50' },
      ],
    },
    {
      name: 'Compose environment inherited through a service-level merge key',
      code: 'x-common: &common\n  environment:\n    - ADMIN_PASSWORD=vulhub\nservices:\n  web:\n    <<: *common\n    image: nginx:1.27\n',
      errors: [{ messageId: 'composeSecret', at: '3:22-3:28' }],
    },
    {
      name: 'fix: an ENV read by RUNs of its stage and of a stage built on it becomes secret mounts; the other property stays',
      code: 'FROM node:22 AS base\nENV NODE_ENV=production DB_PASSWORD=hunter2\nRUN psql "postgres://app:${DB_PASSWORD}@db/app" -c "select 1"\nFROM base\nRUN echo $DB_PASSWORD | login\n',
      errors: [{ messageId: 'secretName', at: '2:37-2:44' }],
      output: 'FROM node:22 AS base\nENV NODE_ENV=production\nRUN --mount=type=secret,id=db_password,env=DB_PASSWORD psql "postgres://app:${DB_PASSWORD}@db/app" -c "select 1"\nFROM base\nRUN --mount=type=secret,id=db_password,env=DB_PASSWORD echo $DB_PASSWORD | login\n',
    },
    {
      name: 'fix: an ARG on a continued line; CRLF line endings and a RUN that already mounts it',
      code: 'FROM node:22\r\nARG VERSION=1 \\\r\n    NPM_TOKEN=npm-abcdef\r\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\r\nRUN echo "$NPM_TOKEN" > /dev/null\r\n',
      errors: [{ messageId: 'secretName', at: '3:15-3:25' }],
      output: 'FROM node:22\r\nARG VERSION=1\r\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\r\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN echo "$NPM_TOKEN" > /dev/null\r\n',
    },
    {
      name: 'no fix when no RUN reads it (the running app may), or another instruction copies it',
      code: 'FROM alpine:3.20\nENV API_KEY=sk-abc123\nARG DB_PASSWORD=hunter2\nENV DATABASE_URL=postgres://app:$DB_PASSWORD@db\nRUN migrate "$DB_PASSWORD"\n',
      errors: [
        { messageId: 'secretName', at: '2:13-2:22' },
        { messageId: 'secretName', at: '3:17-3:24' },
      ],
    },
    {
      name: 'fix: Compose secret merged into the service list and the top-level map; CRLF and comments survive',
      kind: 'compose',
      code: 'services:\r\n  db:\r\n    image: postgres:16\r\n    environment:\r\n      POSTGRES_PASSWORD: "example" # dev\r\n    secrets:\r\n      - source: ca\r\n        target: ca.pem\r\nsecrets:\r\n  ca:\r\n    file: ./ca.pem\r\n',
      errors: [{ messageId: 'composeSecret', at: '5:26-5:35' }],
      output: 'services:\r\n  db:\r\n    image: postgres:16\r\n    environment:\r\n      POSTGRES_PASSWORD_FILE: "/run/secrets/postgres_password" # dev\r\n    secrets:\r\n      - source: ca\r\n        target: ca.pem\r\n      - postgres_password\r\nsecrets:\r\n  ca:\r\n    file: ./ca.pem\r\n  postgres_password:\r\n    file: ./secrets/postgres_password.txt\r\n',
    },
    {
      name: 'fix: flow-style service and flow top-level secrets',
      kind: 'compose',
      code: 'services:\n  db: {image: mariadb:11, environment: [MARIADB_ROOT_PASSWORD=secret1]}\nsecrets: {other: {file: ./o.txt}}\n',
      errors: [{ messageId: 'composeSecret', at: '2:63-2:70' }],
      output: 'services:\n  db: {image: mariadb:11, environment: [MARIADB_ROOT_PASSWORD_FILE=/run/secrets/mariadb_root_password], secrets: [mariadb_root_password]}\nsecrets: {other: {file: ./o.txt}, mariadb_root_password: {file: ./secrets/mariadb_root_password.txt}}\n',
    },
    {
      name: 'no Compose fix for an inherited entry, one whose _FILE variable exists, or build args',
      kind: 'compose',
      code: 'x-env: &env\n  environment:\n    API_TOKEN: abc-123-xyz\nservices:\n  a:\n    <<: *env\n  b:\n    environment:\n      DB_PASSWORD: hunter2\n      DB_PASSWORD_FILE: /run/secrets/db\n    build:\n      args:\n        NPM_TOKEN: npm-abcdef\n',
      errors: [
        { messageId: 'composeSecret', at: '3:16-3:27' },
        { messageId: 'composeSecret', at: '9:20-9:27' },
        { messageId: 'buildArgSecret', at: '13:20-13:30' },
      ],
    },
  ],
});
