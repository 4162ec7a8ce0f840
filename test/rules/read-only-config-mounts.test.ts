import rule from '../../server/src/rules/read-only-config-mounts';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'already read-only, short and long syntax', code: 'services:\n  a:\n    volumes:\n      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n      - ./my.cnf:/etc/mysql/my.cnf:z,ro\n      - type: bind\n        source: ./prometheus.yml\n        target: /etc/prometheus/prometheus.yml\n        read_only: yes\n' },
    { name: 'an explicit rw or read_only: false says the write is intended', code: 'services:\n  a:\n    volumes:\n      - ./conf:/etc/app:rw\n      - {type: bind, source: ./app.yml, target: /app/app.yml, read_only: false}\n' },
    { name: 'data and source directories are not configuration', code: 'services:\n  a:\n    volumes:\n      - ./data:/var/lib/postgresql/data\n      - ./src:/app/src\n      - ./logs:/var/log/nginx\n' },
    { name: 'named volumes at /etc are container-managed, not host files', code: 'services:\n  a:\n    volumes:\n      - config:/etc/app\n      - type: volume\n        source: conf\n        target: /etc/nginx/conf.d\nvolumes:\n  config:\n  conf:\n' },
    { name: 'state that images write under /etc or in look-alike files', code: 'services:\n  a:\n    volumes:\n      - ./letsencrypt:/etc/letsencrypt\n      - /etc/pihole/:/etc/pihole/\n      - ./acme.json:/acme.json\n      - ./package-lock.json:/code/package-lock.json\n' },
    { name: 'sockets and sensitive host paths are other rules\' findings', code: 'services:\n  a:\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n      - /etc/ssh:/etc/ssh\n      - /etc/passwd:/etc/passwd\n' },
    { name: 'a file name from a variable is unknown', code: 'services:\n  a:\n    volumes:\n      - ./${CONF}:/app/${CONF}\n' },
    { name: 'tmpfs and /etc-like paths that are not under /etc', code: 'services:\n  a:\n    volumes:\n      - type: tmpfs\n        target: /etc/cache\n      - ./etc:/app/etc\n' },
  ],
  invalid: [
    {
      name: 'short syntax: ":ro" is appended inside the quotes, or added to existing options',
      code: 'services:\n  proxy:\n    volumes:\n      - ./nginx.conf:/etc/nginx/nginx.conf\n      - "./conf.d:/etc/nginx/conf.d:z"\n      - ./Caddyfile:/srv/Caddyfile:cached\n',
      errors: [
        { messageId: 'writable', at: '4:9-4:43', message: 'Service "proxy" mounts the configuration "./nginx.conf" writable at "/etc/nginx/nginx.conf"; add ":ro" so the container cannot change it' },
        { messageId: 'writable', at: '5:9-5:39' },
        { messageId: 'writable', at: '6:9-6:42' },
      ],
      output: 'services:\n  proxy:\n    volumes:\n      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n      - "./conf.d:/etc/nginx/conf.d:z,ro"\n      - ./Caddyfile:/srv/Caddyfile:cached,ro\n',
    },
    {
      name: 'configuration by file name outside /etc; absolute host paths and variables',
      code: 'services:\n  app:\n    volumes:\n      - $PWD/app.properties:/opt/app/app.properties\n      - /etc/resolv.conf:/etc/resolv.conf\n',
      errors: [
        { messageId: 'writable', at: '4:9-4:52' },
        { messageId: 'writable', at: '5:9-5:42' },
      ],
      output: 'services:\n  app:\n    volumes:\n      - $PWD/app.properties:/opt/app/app.properties:ro\n      - /etc/resolv.conf:/etc/resolv.conf:ro\n',
    },
    {
      name: 'long syntax: read_only: true is added under the last key',
      code: 'services:\n  app:\n    volumes:\n      - type: bind\n        source: ./prometheus\n        target: /etc/prometheus # scrape config\n    image: prom/prometheus:v3.0.0\n',
      errors: [{ messageId: 'writable', at: '4:9-6:32', message: 'Service "app" mounts the configuration "./prometheus" writable at "/etc/prometheus"; set "read_only: true" so the container cannot change it' }],
      output: 'services:\n  app:\n    volumes:\n      - type: bind\n        source: ./prometheus\n        target: /etc/prometheus # scrape config\n        read_only: true\n    image: prom/prometheus:v3.0.0\n',
    },
    {
      name: 'flow sequence: a plain item that gains a comma is quoted; CRLF survives',
      code: 'services:\r\n  a:\r\n    volumes: [./my.cnf:/etc/mysql/my.cnf:z, ./app.ini:/app/app.ini] # both\r\n',
      errors: [
        { messageId: 'writable', at: '3:15-3:43' },
        { messageId: 'writable', at: '3:45-3:67' },
      ],
      output: 'services:\r\n  a:\r\n    volumes: ["./my.cnf:/etc/mysql/my.cnf:z,ro", ./app.ini:/app/app.ini:ro] # both\r\n',
    },
    {
      name: 'long syntax flow map',
      code: 'services:\n  a:\n    volumes:\n      - {type: bind, source: ./config.yaml, target: /app/config.yaml}\n',
      errors: [{ messageId: 'writable', at: '4:9-4:70' }],
      output: 'services:\n  a:\n    volumes:\n      - {type: bind, source: ./config.yaml, target: /app/config.yaml, read_only: true}\n',
    },
    {
      name: 'inherited through a merge key: reported on the << entry, no fix',
      code: 'x-conf: &conf\n  volumes:\n    - ./nginx.conf:/etc/nginx/nginx.conf\nservices:\n  a:\n    <<: *conf\n',
      errors: [{ messageId: 'writable', at: '6:5-6:14' }],
    },
    {
      name: 'two configurations through one merge key (the Kafka client shape): one finding on the << entry names both',
      code:
        'x-client-base: &client-base\n  image: confluentinc/cp-kafka:7.6.1\n  volumes:\n    - ./$CONFIG_FILE:/tmp/client.config\n' +
        '    - ./monitoring/jmx-exporter/kafka_client.yml:/usr/share/jmx-exporter/kafka_client.yml\nservices:\n  producer:\n    <<: *client-base\n',
      errors: [
        {
          messageId: 'writableMany',
          at: '8:5-8:21',
          message:
            'Service "producer" mounts 2 configurations writable through this merge key: "./$CONFIG_FILE" at "/tmp/client.config", ' +
            '"./monitoring/jmx-exporter/kafka_client.yml" at "/usr/share/jmx-exporter/kafka_client.yml"; make them read-only so the container cannot change them',
        },
      ],
    },
  ],
});
