import rule from '../../server/src/rules/no-exposed-docker-api';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    // Dockerfile
    { name: 'DOCKER_HOST on the Unix socket', code: 'FROM docker:27-cli\nENV DOCKER_HOST=unix:///var/run/docker.sock\n' },
    { name: 'DOCKER_HOST on the TLS port with verification', code: 'FROM docker:27-cli\nENV DOCKER_HOST=tcp://docker:2376 DOCKER_TLS_VERIFY=1\n' },
    { name: 'DOCKER_HOST on port 2376 (a TLS daemon; plain HTTP would not even connect)', code: 'FROM docker:27-cli\nENV DOCKER_HOST=tcp://docker:2376\n' },
    { name: 'DOCKER_HOST on loopback', code: 'FROM docker:27-cli\nENV DOCKER_HOST=tcp://127.0.0.1:2375\n' },
    { name: 'DOCKER_HOST naming a socket proxy', code: 'FROM alpine:3.20\nENV DOCKER_HOST=tcp://docker-socket-proxy:2375\n' },
    { name: 'DOCKER_TLS_VERIFY set in an earlier ENV', code: 'FROM docker:27-cli\nENV DOCKER_TLS_VERIFY=1\nENV DOCKER_HOST=tcp://docker:2375\n' },
    { name: 'DOCKER_TLS_VERIFY set in a stage the image is built on, two stages up', code: 'FROM docker:27-cli AS base\nENV DOCKER_TLS_VERIFY=1\nFROM base AS mid\nRUN true\nFROM mid\nENV DOCKER_HOST=tcp://docker:2375\n' },
    { name: 'DOCKER_HOST from a build argument without default', code: 'FROM docker:27-cli\nARG REMOTE\nENV DOCKER_HOST=$REMOTE\n' },
    { name: 'DOCKER_TLS_VERIFY=0 alone is not reported (the Docker CLI reads any non-empty value as on)', code: 'FROM docker:27-cli\nENV DOCKER_TLS_VERIFY=0\n' },
    { name: 'dockerd on TCP with --tlsverify', code: 'FROM docker:27-dind\nENTRYPOINT ["dockerd", "-H", "tcp://0.0.0.0:2376", "--tlsverify", "--tlscacert=/certs/ca.pem"]\n' },
    { name: 'dockerd on loopback and the socket', code: 'FROM docker:27-dind\nCMD dockerd -H unix:///var/run/docker.sock -H tcp://127.0.0.1:2375\n' },
    { name: 'dockerd with a config file that may turn TLS on', code: 'FROM docker:27-dind\nCMD ["dockerd", "--config-file=/etc/docker/daemon.json", "-H", "tcp://0.0.0.0:2376"]\n' },
    { name: 'flags passed to the dind entrypoint get its TLS settings', code: 'FROM docker:27-dind\nCMD ["dockerd-entrypoint.sh", "--host=tcp://0.0.0.0:2375"]\n' },
    { name: 'EXPOSE 2375 publishes nothing and the dind image uses TLS by default', code: 'FROM docker:27-dind\nEXPOSE 2375 2376\n' },
    { name: 'an empty DOCKER_TLS_CERTDIR outside a dind image', code: 'FROM docker:27-cli\nENV DOCKER_TLS_CERTDIR=""\n' },
    { name: 'the dind default certificate directory', code: 'FROM docker:27-dind\nENV DOCKER_TLS_CERTDIR=/certs\n' },
    { name: 'a dockerd word that is only an argument', code: 'FROM alpine:3.20\nRUN echo dockerd -H tcp://0.0.0.0:2375\n' },
    // Compose
    { name: 'port 2375 published on loopback only', code: 'services:\n  dind:\n    image: docker:27-dind\n    ports: ["127.0.0.1:2375:2375"]\n' },
    { name: 'the TLS port 2376', code: 'services:\n  dind:\n    image: docker:27-dind\n    ports: ["2376:2376"]\n' },
    { name: 'expose only reaches the Compose network (and the daemon uses TLS by default)', code: 'services:\n  dind:\n    image: docker:27-dind\n    expose: [2375]\n' },
    { name: 'a wide port range that merely spans 2375 (KICS privileged_ports_mapped_in_container positive4)', code: 'services:\n  app:\n    build: ./webapp\n    ports:\n      - "70-8000"\n      - "9090-9091:80-8081"\n' },
    { name: 'a UDP port 2375', code: 'services:\n  app:\n    image: x:1\n    ports: ["2375:2375/udp"]\n' },
    {
      name: 'DOCKER_HOST naming a service in the file that runs no daemon (a filtering proxy)',
      code: 'services:\n  app:\n    image: portainer/agent:2.21\n    environment:\n      DOCKER_HOST: tcp://dockerapi:2375\n  dockerapi:\n    image: tecnativa/docker-socket-proxy:0.3\n',
    },
    {
      name: 'DOCKER_HOST naming a dind service of the file that keeps TLS on (nothing listens on 2375)',
      code: 'services:\n  dind:\n    image: docker:27-dind\n    privileged: true\n  job:\n    image: docker:27-cli\n    environment:\n      DOCKER_HOST: tcp://dind:2375\n',
    },
    { name: 'DOCKER_TLS_CERTDIR passed through from the host (no value)', code: 'services:\n  dind:\n    image: docker:27-dind\n    environment:\n      - DOCKER_TLS_CERTDIR\n' },
    { name: 'an empty DOCKER_TLS_CERTDIR on a client image', code: 'services:\n  job:\n    image: docker:27-cli\n    environment:\n      DOCKER_TLS_CERTDIR: ""\n' },
    { name: 'DOCKER_HOST from the environment', code: 'services:\n  job:\n    image: docker:27-cli\n    environment:\n      DOCKER_HOST: ${DOCKER_HOST}\n' },
    { name: 'dind flags in command: the entrypoint adds --tlsverify', code: 'services:\n  dind:\n    image: docker:27-dind\n    command: ["--host=tcp://0.0.0.0:2375"]\n' },
  ],
  invalid: [
    // Dockerfile
    {
      name: 'dockerd on every interface in shell form',
      code: 'FROM docker:27-dind\nCMD dockerd -H unix:///var/run/docker.sock -H tcp://0.0.0.0:2375\n',
      errors: [{ messageId: 'daemon', at: '2:47-2:65', message: 'dockerd listens on "tcp://0.0.0.0:2375" without "--tlsverify": anyone who can reach that address controls the Docker daemon' }],
    },
    {
      name: 'exec form with --host= and --tls alone (encrypted, but every client is let in)',
      code: 'FROM docker:27-dind\nENTRYPOINT ["dockerd", "--host=tcp://0.0.0.0:2376", "--tls"]\n',
      errors: [{ messageId: 'daemon', at: '2:25-2:50' }],
    },
    {
      name: 'continuation lines, lowercase instruction and an empty host',
      code: 'FROM docker:27-dind\ncmd dockerd \\\n    --host tcp://:2375\n',
      errors: [{ messageId: 'daemon', at: '3:12-3:23' }],
    },
    {
      name: 'the escape directive',
      code: '# escape=`\nFROM docker:27-dind\nCMD dockerd `\n    -H tcp://0.0.0.0:2375\n',
      errors: [{ messageId: 'daemon', at: '4:8-4:26' }],
    },
    {
      name: 'sh -c in exec form and a daemon started in RUN',
      code: 'FROM docker:27-dind\nRUN dockerd -Htcp://0.0.0.0:2375 & sleep 3 && docker version\nCMD ["sh", "-c", "exec dockerd -H tcp://10.0.0.5:2375"]\n',
      errors: [
        { messageId: 'daemon', at: '2:13-2:33' },
        { messageId: 'daemon', at: '3:35-3:54' },
      ],
    },
    {
      name: 'DOCKER_HOST on the plain port, legacy ENV syntax and an ARG-resolved host',
      code: 'FROM docker:27-cli\nenv DOCKER_HOST tcp://docker:2375\nARG DIND=build-daemon\nENV DOCKER_HOST="tcp://${DIND}"\n',
      errors: [
        { messageId: 'client', at: '2:17-2:34', message: '"DOCKER_HOST=tcp://docker:2375" talks to the Docker API over plain TCP, so the daemon there answers anyone who can reach it; use ssh:// or TLS on port 2376' },
        { messageId: 'client', at: '4:17-4:32', message: '"DOCKER_HOST=tcp://build-daemon" talks to the Docker API over plain TCP, so the daemon there answers anyone who can reach it; use ssh:// or TLS on port 2376' },
      ],
    },
    {
      name: 'DOCKER_TLS_VERIFY in another stage, not one this one is built on, does not count',
      code: 'FROM docker:27-cli AS base\nENV DOCKER_TLS_VERIFY=1\nFROM docker:27-cli\nENV DOCKER_HOST=tcp://docker:2375\n',
      errors: [{ messageId: 'client', at: '4:17-4:34' }],
    },
    {
      name: 'DOCKER_TLS_VERIFY=0 does not make a 2375 address safe',
      code: 'FROM docker:27-cli\nENV DOCKER_TLS_VERIFY=0 DOCKER_HOST=tcp://192.168.1.20:2375\n',
      errors: [{ messageId: 'client', at: '2:37-2:60' }],
    },
    {
      name: 'an empty DOCKER_TLS_CERTDIR on a dind image, also through a stage',
      code: 'FROM docker:27-dind AS engine\nENV DOCKER_TLS_CERTDIR=""\n\nFROM engine\nENV DOCKER_TLS_CERTDIR=\n',
      errors: [
        { messageId: 'certdir', at: '2:24-2:26' },
        { messageId: 'certdir', at: '5:5-5:24' },
      ],
    },
    // Compose
    {
      name: 'the classic open daemon: port 2375 published on every interface',
      code: 'services:\n  docker:\n    build: .\n    ports:\n      - "2375:2375"\n    privileged: true\n',
      errors: [{ messageId: 'port', at: '5:9-5:20', message: 'Service "docker" publishes the Docker API port 2375 on every interface: anyone who can reach this host controls the daemon behind it' }],
      output: 'services:\n  docker:\n    build: .\n    ports:\n      - "127.0.0.1:2375:2375"\n    privileged: true\n',
    },
    {
      name: 'a bare container port, an explicit 0.0.0.0 and a port range',
      code: 'services:\n  a:\n    image: docker:dind\n    ports:\n      - 2375\n      - 0.0.0.0:12375:2375\n      - \'2375-2376:2375-2376\'\n',
      errors: [
        { messageId: 'port', at: '5:9-5:13' },
        { messageId: 'port', at: '6:9-6:27' },
        { messageId: 'port', at: '7:9-7:30' },
      ],
      output: 'services:\n  a:\n    image: docker:dind\n    ports:\n      - 127.0.0.1::2375\n      - 127.0.0.1:12375:2375\n      - \'127.0.0.1:2375-2376:2375-2376\'\n',
    },
    {
      name: 'long syntax in flow and block style',
      code: 'services:\n  a:\n    image: docker:dind\n    ports:\n      - {target: 2375, published: 2375}\n      - target: 2375\n        published: "12375"\n      - target: 2375\n        host_ip: 0.0.0.0\n',
      errors: [
        { messageId: 'port', at: '5:9-5:40' },
        { messageId: 'port', at: '6:9-7:27' },
        { messageId: 'port', at: '8:9-9:25' },
      ],
      output:
        'services:\n  a:\n    image: docker:dind\n    ports:\n      - {target: 2375, published: 2375, host_ip: 127.0.0.1}\n      - target: 2375\n        published: "12375"\n        host_ip: 127.0.0.1\n' +
        '      - target: 2375\n        host_ip: 127.0.0.1\n',
    },
    {
      name: 'the fix keeps CRLF line endings and comments',
      code: 'services:\r\n  dind:\r\n    image: docker:dind\r\n    ports:\r\n      # API\r\n      - "2375:2375" # plain\r\n',
      errors: [{ messageId: 'port', at: '6:9-6:20' }],
      output: 'services:\r\n  dind:\r\n    image: docker:dind\r\n    ports:\r\n      # API\r\n      - "127.0.0.1:2375:2375" # plain\r\n',
    },
    {
      name: 'ports inherited through a merge key: reported on the << entry, no fix',
      code: 'x-api: &api\n  ports: ["2375:2375"]\nservices:\n  dind:\n    <<: *api\n    image: docker:dind\n',
      errors: [{ messageId: 'port', at: '5:5-5:13' }],
    },
    {
      name: 'a dind service with TLS turned off and its client on port 2375',
      code:
        'services:\n  docker:\n    image: docker:27-dind\n    privileged: true\n    environment:\n      DOCKER_TLS_CERTDIR: ""\n' +
        '  job:\n    image: docker:27-cli\n    environment:\n      - DOCKER_HOST=tcp://docker:2375\n',
      errors: [
        { messageId: 'certdir', at: '6:27-6:29', message: 'An empty "DOCKER_TLS_CERTDIR" makes the docker:dind daemon listen on port 2375 without TLS; keep the default so it generates certificates' },
        { messageId: 'client', at: '10:21-10:38' },
      ],
    },
    {
      name: 'DOCKER_HOST naming a service of the file whose dockerd listens without TLS',
      code: 'services:\n  engine:\n    image: example/engine:1\n    command: ["dockerd", "-H", "tcp://0.0.0.0:2375"]\n  job:\n    image: docker:27-cli\n    environment: {DOCKER_HOST: "tcp://engine:2375"}\n',
      errors: [
        { messageId: 'daemon', at: '4:32-4:52' },
        { messageId: 'client', at: '7:32-7:51' },
      ],
    },
    {
      name: 'DOCKER_HOST on a remote address, with an interpolation default and a quoted value',
      code: 'services:\n  deploy:\n    image: docker:27-cli\n    environment:\n      DOCKER_HOST: "tcp://${DEPLOY_HOST:-10.0.0.8}:2375"\n',
      errors: [{ messageId: 'client', at: '5:20-5:57', message: '"DOCKER_HOST=tcp://10.0.0.8:2375" talks to the Docker API over plain TCP, so the daemon there answers anyone who can reach it; use ssh:// or TLS on port 2376' }],
    },
    {
      name: 'dockerd started by command: and entrypoint:, string and list forms',
      code: 'services:\n  a:\n    image: docker:27-dind\n    command: dockerd --host=tcp://0.0.0.0:2375 --tls=false\n  b:\n    image: docker:27-dind\n    entrypoint: ["dockerd", "-H", "tcp://0.0.0.0:2375"]\n',
      errors: [
        { messageId: 'daemon', at: '4:22-4:47' },
        { messageId: 'daemon', at: '7:35-7:55' },
      ],
    },
  ],
});
