import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HAS_CORPUS, realCorpus } from '../helpers/corpus';
import { SEED } from '../robustness/arbitraries';
import {
  URL_CREDENTIALS,
  urlCredentialMatches,
  classifyNamedValue,
  classifyValue,
  findDsnPasswords,
  findSecretValues,
  findTokens,
  findUrlCredentials,
  isSecretName,
  nameTokens,
  referencedNames,
  secretFileKind,
} from '../../server/src/knowledge/secrets';
import { describeGrowth, screenedCpuGrowth, SUPERLINEAR_RATIO } from '../helpers/growth';

// Test tokens are assembled at run time so this file does not itself look like it leaks secrets.
const gh = 'ghp' + '_' + 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5';
const aws = 'AKIA' + 'Q3EGRTZ7VX4PLM2N';

describe('nameTokens', () => {
  it('splits on separators, camelCase, acronyms and digits', () => {
    expect(nameTokens('DB_PASSWORD')).toEqual(['db', 'password']);
    expect(nameTokens('apiKey')).toEqual(['api', 'key']);
    expect(nameTokens('APIKey')).toEqual(['api', 'key']);
    expect(nameTokens('sonar.jdbc.password')).toEqual(['sonar', 'jdbc', 'password']);
    expect(nameTokens('db-password')).toEqual(['db', 'password']);
    expect(nameTokens('_authToken')).toEqual(['auth', 'token']);
    expect(nameTokens('JDK8_TOKEN')).toEqual(['jdk', '8', 'token']);
    expect(nameTokens('AIRFLOW__CORE__FERNET_KEY')).toEqual(['airflow', 'core', 'fernet', 'key']);
    expect(nameTokens('AWSSecretKEY2fa')).toEqual(['aws', 'secret', 'key', '2', 'fa']);
    expect(nameTokens('')).toEqual([]);
    expect(nameTokens('__')).toEqual([]);
  });

  /** The four replacements and the split it was written as before, kept as the oracle. */
  const byRegex = (name: string) =>
    name
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ')
      .replace(/([A-Za-z])([0-9])/g, '$1 $2')
      .replace(/([0-9])([A-Za-z])/g, '$1 $2')
      .split(/[^A-Za-z0-9]+/)
      .filter((t) => t !== '')
      .map((t) => t.toLowerCase());

  it('splits as the regular expressions it replaces do (seeded names of letters, digits and separators)', () => {
    const part = fc.constantFrom('a', 'b', 'Z', 'Q', 'K', 'e', '0', '7', '_', '-', '.', ' ', '__', 'é', 'ß', 'İ', '$');
    fc.assert(
      fc.property(fc.array(part, { maxLength: 24 }), (parts) => {
        const name = parts.join('');
        expect(nameTokens(name)).toEqual(byRegex(name));
      }),
      { seed: SEED, numRuns: 5000 },
    );
  });
});

describe('isSecretName', () => {
  it.each([
    'PASSWORD', 'DB_PASSWORD', 'MYSQL_ROOT_PASSWORD', 'POSTGRES_PASSWORD', 'sa_password', 'DB_PASSWD', 'ORACLE_PWD', 'DB_PASS',
    'SSH_PASSPHRASE', 'JWT_SECRET', 'CLIENT_SECRET', 'GITHUB_TOKEN', 'NPM_TOKEN', 'AWS_CREDENTIALS', 'API_KEY', 'apiKey', 'APIKEY',
    'STRIPE_SECRET_KEY', 'AWS_SECRET_ACCESS_KEY', 'PRIVATE_KEY', 'AUTH_KEY', 'API_ENCRYPTION_KEY', 'SIGNING_KEY', 'MEILI_MASTER_KEY',
    'SESSION_KEY', 'AIRFLOW__CORE__FERNET_KEY', 'LICENSE_KEY', 'SECRET_KEY_BASE', 'GITLAB_SECRETS_OTP_KEY_BASE', 'WEBPASSWORD',
    'npm_config__authToken', 'DB_USER_PASSWORD', 'sonar.jdbc.password', 'db-password', 'RECAPTCHA_PRIVATE_KEY',
    'DOCKER_PSW', 'NEXUS_PWD', 'SMTP_PASS', 'REGISTRY_CREDENTIALS', 'NPM_AUTH', 'REDIS_AUTH', 'GITHUB_PAT', 'AWS_CREDS', 'NEO4J_AUTH',
  ])('%s is secret-shaped', (name) => expect(isSecretName(name)).toBe(true));

  it.each([
    'GPG_KEY', 'GPG_KEYS', 'PGP_KEYSERVER', 'RABBITMQ_PGP_KEY_ID', 'KEY_DIR', 'CONNECT_KEY_CONVERTER', 'PASSWORD_FILE',
    'MYSQL_ROOT_PASSWORD_FILE', 'TOKEN_URL', 'NEXT_PUBLIC_API_KEY', 'RECAPTCHA_PUBLIC_KEY', 'PUBLIC_KEY', 'MYSQL_ALLOW_EMPTY_PASSWORD',
    'MYSQL_RANDOM_ROOT_PASSWORD', 'PASSWORD_MIN_LENGTH', 'TOKEN_TTL', 'ACCESS_TOKEN_LIFETIME', 'PASSWORD_HASH', 'PASSWORD_SALT',
    'PASSWORD_SCHEME', 'API_KEY_ID', 'AWS_ACCESS_KEY_ID', 'SECRET_NAME', 'TOKEN_ENDPOINT', 'API_KEY_HEADER', 'PWD', 'PWD_KEY',
    'KEEPASSXC_VERSION', 'INSTALL_SSHPASS', 'TOKENIZERS_PARALLELISM', 'CASSANDRA_NUM_TOKENS', 'MAX_TOKENS', 'GRAYLOG_ROOT_PASSWORD_SHA2',
    'AUTHOR', 'KAFKA_SSL_KEYSTORE_LOCATION', 'BASIC_AUTH_CREDENTIALS_SOURCE', 'ENABLE_PASSWORD_AUTH', 'SECRETS_DIR', 'PASS_THROUGH',
    'MINIO_ACCESS_KEY', 'S3_ACCESS_KEY', 'accessKey', 'AUTH', 'AUTH_URL', 'PAT_LENGTH', 'OAUTH_PROVIDER', 'TOKEN_USAGE_RETENTION_DAYS',
    'PASSWORD_ROTATION_DAYS', 'POSTGRES_HOST_AUTH_METHOD',
  ])('%s is not', (name) => expect(isSecretName(name)).toBe(false));
});

describe('classifyValue', () => {
  it('tells literals from references, switches, placeholders and file paths', () => {
    expect(classifyValue('hunter2')).toBe('literal');
    expect(classifyValue('"s3cr3t value"')).toBe('literal');
    expect(classifyValue('123456')).toBe('literal');
    expect(classifyValue('${DB_PASSWORD:-example}')).toBe('default');
    expect(classifyValue('"${DB_PASSWORD-example}"')).toBe('default');
    expect(classifyValue('pre-${DB_PASSWORD:-example}')).toBe('literal');
    expect(classifyValue('$${NOT_EXPANDED}')).toBe('reference');
    expect(classifyValue('prefix$SUFFIX')).toBe('literal');
    expect(classifyValue('${DB_PASSWORD}')).toBe('reference');
    expect(classifyValue('$DB_PASSWORD')).toBe('reference');
    expect(classifyValue('"${A}${B}"')).toBe('reference');
    expect(classifyValue('${DB_PASSWORD:-}')).toBe('reference');
    expect(classifyValue('${DB_PASSWORD:?required}')).toBe('reference');
    expect(classifyValue(null)).toBe('none');
    expect(classifyValue('')).toBe('none');
    expect(classifyValue('""')).toBe('none');
    for (const b of ['true', 'False', 'yes', 'no', 'on', 'OFF', '0', '1']) expect(classifyValue(b)).toBe('boolean');
    expect(classifyValue('<your-token>')).toBe('placeholder');
    expect(classifyValue('xxxxxxxx')).toBe('placeholder');
    expect(classifyValue('/run/secrets/db-password')).toBe('path');
    expect(classifyValue('./secrets/token.txt')).toBe('path');
    expect(classifyValue('resetOSPassword.sh')).toBe('path');
    expect(classifyValue('broker_sslkey_creds')).toBe('path');
  });

  it('with the name: numbers for settings about a secret and *_AUTH mechanisms are settings, not secrets', () => {
    expect(classifyNamedValue('PASSWORD_HISTORY', '12')).toBe('setting');
    expect(classifyNamedValue('TOKEN_REUSE_WINDOW', '3600s')).toBe('setting');
    expect(classifyNamedValue('DB_PASSWORD', '123456')).toBe('literal');
    expect(classifyNamedValue('KAFKA_SSL_CLIENT_AUTH', 'required')).toBe('setting');
    expect(classifyNamedValue('PROXY_AUTH', 'basic')).toBe('setting');
    expect(classifyNamedValue('NEO4J_AUTH', 'neo4j/s3cret')).toBe('literal');
    expect(classifyNamedValue('REDIS_AUTH', '${REDIS_AUTH:-letmein}')).toBe('default');
  });

  it('lists the variables a value refers to', () => {
    expect(referencedNames('${A:-x}$B/c')).toEqual(['A', 'B']);
  });
});

describe('findTokens', () => {
  const one = (text: string) => findTokens(text).map((m) => [m.label, text.slice(m.start, m.end)]);

  it('finds each well-known format with its exact extent', () => {
    expect(one(`key=${aws};`)).toEqual([['an AWS access key id', aws]]);
    expect(one(`https://x:${gh}@github.com`)).toEqual([['a GitHub token', gh]]);
    const pat = 'github_pat_' + '11ABCDEFG0aBcDeFgHiJkLmN_oPqRsTuVwXyZ0123456789aBcDeFgHiJkLmNoPqRsT';
    expect(one(pat)).toEqual([['a GitHub token', pat]]);
    const gl = 'glpat-' + 'x7Yq2Lm9Np4Rs8Tv1Wz3';
    expect(one(`TOKEN=${gl} `)).toEqual([['a GitLab token', gl]]);
    const slack = 'xoxb-' + '17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy';
    expect(one(slack)).toEqual([['a Slack token', slack]]);
    const stripe = 'sk_live_' + '4eC39HqLyjWDarjtT1zdp7dc';
    expect(one(stripe)).toEqual([['a Stripe secret key', stripe]]);
    const google = 'AIza' + 'SyCkfPOPZXDKNn8hhgu3JrA62wIgC93d44k';
    expect(one(`"${google}"`)).toEqual([['a Google API key', google]]);
    const npm = 'npm_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
    expect(one(`//registry.npmjs.org/:_authToken=${npm}`)).toEqual([['an npm token', npm]]);
    const sg = 'SG.' + 'ngeVfQFYQlKU0ufo8x5d1A' + '.' + 'TwL2iGABf9DHoTf-09kqeF8tAmbihYzrnopKc-1s5cr';
    expect(one(sg)).toEqual([['a SendGrid API key', sg]]);
    expect(one('-----BEGIN RSA PRIVATE KEY-----\nMIIE')).toEqual([['a private key', '-----BEGIN RSA PRIVATE KEY-----']]);
    expect(one('-----BEGIN OPENSSH PRIVATE KEY-----')).toHaveLength(1);
    expect(one('-----BEGIN PGP PRIVATE KEY BLOCK-----')).toHaveLength(1);
  });

  it('ignores look-alikes, placeholders, JWTs and public material', () => {
    expect(findTokens('AKIAIOSFODNN7EXAMPLE')).toEqual([]);
    expect(findTokens('ghp_' + 'x'.repeat(36))).toEqual([]);
    expect(findTokens('XAKIA' + 'Q3EGRTZ7VX4PLM2N')).toEqual([]);
    expect(findTokens(aws + 'Z')).toEqual([]);
    expect(findTokens('ghp_short')).toEqual([]);
    expect(findTokens('sk_test_' + '4eC39HqLyjWDarjtT1zdp7dc')).toEqual([]);
    expect(findTokens('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U')).toEqual([]);
    expect(findTokens('-----BEGIN CERTIFICATE-----')).toEqual([]);
    expect(findTokens('-----BEGIN PUBLIC KEY-----')).toEqual([]);
    expect(findTokens('xoxb-your-token-here')).toEqual([]);
  });
});

describe('findUrlCredentials', () => {
  const creds = (text: string) => findUrlCredentials(text).map((m) => text.slice(m.start, m.end));

  it('covers user:password of URLs with a literal password', () => {
    expect(creds('postgres://app:s3cret@db:5432/app')).toEqual(['app:s3cret']);
    expect(creds('postgresql+psycopg2://airflow:airflow@postgres/airflow')).toEqual(['airflow:airflow']);
    expect(creds('git clone https://bot:pa:ss@git.example.com/x.git')).toEqual(['bot:pa:ss']);
    expect(creds('redis://${USER}:hunter2@${HOST}:6379')).toEqual(['${USER}:hunter2']);
    expect(creds('redis://:hunter2@cache:6379/0')).toEqual([':hunter2']);
    expect(creds('mongodb+srv://app:pw-123@cluster0.example.net/db')).toEqual(['app:pw-123']);
    expect(creds('amqp://guest:guest@rabbitmq:5672/')).toEqual(['guest:guest']);
    expect(creds('https://deploy:ghs-abc123@git.example.com/o/r.git')).toEqual(['deploy:ghs-abc123']);
  });

  it('skips references, placeholders and URLs without a password', () => {
    expect(creds('postgres://app:${DB_PASSWORD}@db/app')).toEqual([]);
    expect(creds('postgres://app:$DB_PASSWORD@db/app')).toEqual([]);
    expect(creds('postgres://app:<password>@db/app')).toEqual([]);
    expect(creds('mysql://user:****@db/app')).toEqual([]);
    expect(creds('https://user@example.com/x')).toEqual([]);
    expect(creds('https://example.com:8443/path')).toEqual([]);
    expect(creds('git@github.com:org/repo.git')).toEqual([]);
  });

  it('connection strings: ADO.NET, libpq keywords and URL queries, only with other connection keys', () => {
    const pw = (text: string) => findDsnPasswords(text).map((m) => text.slice(m.start, m.end));
    expect(pw('Server=db;Database=app;User Id=sa;Password=Pass@word1;')).toEqual(['Pass@word1']);
    expect(pw('host=db user=app password=s3cret dbname=app')).toEqual(['s3cret']);
    expect(pw('jdbc:mysql://db:3306/app?user=app&password=s3cret&useSSL=true')).toEqual(['s3cret']);
    expect(pw("Data Source=db;User ID=sa;Pwd='a b c'")).toEqual(['a b c']);
    expect(pw('Server=db;User Id=sa;Password=${SA_PASSWORD}')).toEqual([]);
    expect(pw('Server=db;User Id=sa;Password=')).toEqual([]);
    expect(pw('password=s3cret')).toEqual([]);
    expect(pw('--reset-password=true')).toEqual([]);
  });

  it('findSecretValues returns both kinds in text order', () => {
    const text = `https://u:pw1@h.example ${gh}`;
    expect(findSecretValues(text).map((m) => m.kind)).toEqual(['url', 'token']);
  });

  it('findSecretValues reports a token used as a URL password once, as the token', () => {
    const text = `git clone https://bot:${gh}@github.com/o/r.git`;
    expect(findSecretValues(text).map((m) => [m.kind, text.slice(m.start, m.end)])).toEqual([['token', gh]]);
  });

  it('stays linear on long hostile input (CPU time grows less than 30x on 10x more text)', () => {
    const hostile: [string, (n: number) => string][] = [
      ['scheme, long user, long password', (n) => 'a://' + 'b'.repeat(n / 2) + ':' + 'c'.repeat(n / 2)],
      ['a Slack token prefix, then dashes', (n) => 'xoxb-1-' + '-'.repeat(n)],
    ];
    for (const [what, text] of hostile) {
      const g = screenedCpuGrowth(text, findSecretValues, 2_000);
      expect(g.ratio, `${what}: ${describeGrowth(g, 2_000)}`).toBeLessThanOrEqual(SUPERLINEAR_RATIO);
      // The hostile texts still get an answer: no secret in either.
      expect(findSecretValues(text(100_000))).toEqual([]);
    }
  });
});

describe('secretFileKind', () => {
  it.each([
    ['id_rsa', 'an SSH private key'],
    ['./keys/id_ed25519', 'an SSH private key'],
    ['insecure_id_rsa', 'an SSH private key'],
    ['.ssh', 'a credentials directory'],
    ['.ssh/', 'a credentials directory'],
    ['home/.ssh/deploy_key', 'an SSH key file'],
    ['.env', 'a dotenv file'],
    ['.env.production', 'a dotenv file'],
    ['config/.env.local', 'a dotenv file'],
    ['server.key', 'a private key'],
    ['*.key', 'a private key'],
    ['privkey.pem', 'a private key'],
    ['tls/server-key.pem', 'a private key'],
    ['cert.p12', 'a key store'],
    ['keystore.jks', 'a key store'],
    ['app.pfx', 'a key store'],
    ['.npmrc', 'a credentials file'],
    ['.pypirc', 'a credentials file'],
    ['.netrc', 'a credentials file'],
    ['.git-credentials', 'a credentials file'],
    ['.aws/credentials', 'a credentials file'],
    ['.aws', 'a credentials directory'],
    ['.docker/config.json', 'a credentials file'],
    ['credentials.json', 'a credentials file'],
    ['service-account-prod.json', 'a service account key'],
    ['kubeconfig', 'a kubeconfig'],
    ['.kube/config', 'a credentials file'],
    ['.htpasswd', 'a credentials file'],
    ['C:\\Users\\me\\.ssh\\id_rsa', 'an SSH private key'],
  ])('%s is %s', (path, kind) => expect(secretFileKind(path)).toBe(kind));

  it.each([
    'id_rsa.pub', '.ssh/known_hosts', '.ssh/authorized_keys', '.ssh/config', '.env.example', '.env.sample', '.env.template',
    '.env.dist', 'cert.pem', 'chain.pem', 'fullchain.pem', 'ca.pem', '*.pem', 'public-key.pem', 'server.crt', '.docker/nginx.conf',
    '.aws/config', 'vdt.env', 'library-scripts/*.env', 'environment.ts', 'keys/', '.', 'package.json', 'src/',
  ])('%s is not a secret file', (path) => expect(secretFileKind(path)).toBeNull());
});

describe('URL credentials found from each "://"', () => {
  const byRegex = (text: string) => [...text.matchAll(URL_CREDENTIALS)].map((m) => ({ index: m.index, user: m[1], password: m[2] }));
  const same = (text: string) => expect(urlCredentialMatches(text), JSON.stringify(text)).toEqual(byRegex(text));

  it('matches what the scheme://user:password@ pattern matches', () => {
    for (const t of [
      'https://u:p@h',
      'x https://user:secret@host.example/a redis://:pw@cache:6379 git+ssh://git:tok@github.com/o/r',
      '1abc://u:p@h aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa://u:p@h a.b+c-d://u:p@h',
      'a://u:p@b://x:y@c ://u:p@h https://u:p@ https://u:p@-h "https://u:p@h" http://u@h http://u:@h',
      `${'a'.repeat(31)}://u:p@h ${'a'.repeat(32)}://u:p@h é://u:p@h`,
    ])
      same(t);
  });

  it('matches it on token soup (seeded)', () => {
    const part = fc.constantFrom('https', 'git+ssh', 'a', '1', 'é', '://', ':', '@', '/', '.', '-', '+', ' ', '\n', 'user', 'p4ss', '$PW', '"', '#', '?', 'h', 'x'.repeat(30));
    fc.assert(fc.property(fc.array(part, { maxLength: 30 }).map((p) => p.join('')), (t) => void same(t)), { seed: SEED, numRuns: 3000 });
  });

  it.skipIf(!HAS_CORPUS)('matches it on every corpus file', () => {
    for (const f of realCorpus()) same(readFileSync(f.abs, 'utf8'));
  });
});
