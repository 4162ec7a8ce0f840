import rule from '../../server/src/rules/no-docker-socket-mount';
import { testRule } from '../helpers/rule-tester';

const svc = (volumes: string) => `services:\n  app:\n    image: app:1\n    volumes:\n${volumes}`;

testRule(rule, {
  valid: [
    { name: 'Dockerfile: cache, secret and ssh mounts are not bind mounts', code: 'FROM docker:27-cli\nRUN --mount=type=cache,source=/var/run/docker.sock,target=/c --mount=type=secret,id=s,src=/run/docker.sock true\n' },
    { name: 'Dockerfile: a bind mount from another stage or image is not the host', code: 'FROM docker:27-cli\nRUN --mount=type=bind,from=sockets,source=/var/run/docker.sock,target=/s true\n' },
    { name: 'Dockerfile: project files and the socket path only as the target', code: 'FROM golang:1.23\nRUN --mount=type=bind,source=go.sum,target=go.sum --mount=source=fake.sock,target=/var/run/docker.sock go mod download\n' },
    { name: 'Dockerfile: the socket named outside a mount, and an unresolved variable', code: 'FROM docker:27-cli\nARG SOCK\nENV DOCKER_HOST=unix:///var/run/docker.sock\nRUN --mount=source=$SOCK,target=/s docker ps\nVOLUME /var/run/docker.sock\n' },
    { name: 'project-relative and named volumes', code: svc('      - ./data:/data\n      - cache:/cache\n      - /srv/app:/srv/app:ro\n') },
    { name: 'an anonymous volume at the socket path is not a host mount', code: svc('      - /var/run/docker.sock\n') },
    { name: 'a long-syntax named volume called like a socket is not a bind', code: svc('      - type: volume\n        source: docker.sock\n        target: /var/run/docker.sock\n') },
    { name: 'the socket path as the container target only', code: svc('      - ./fake.sock:/var/run/docker.sock\n') },
    { name: 'subdirectories of /run that hold no engine socket', code: svc('      - /run/dbus:/run/dbus:ro\n      - /var/run/mysqld:/var/run/mysqld\n      - /run/user/1000/pulse:/run/pulse\n') },
    { name: 'a variable without a default is unknown', code: svc('      - ${SOCKET_DIR}:/sockets\n') },
    { name: 'a socket-like name that is not an engine socket', code: svc('      - /tmp/app.sock:/tmp/app.sock\n      - /run/php-fpm.sock:/run/php-fpm.sock\n') },
    { name: 'volumes outside services are not mounts', code: 'x-notes:\n  volumes:\n    - /var/run/docker.sock:/var/run/docker.sock\nservices:\n  app:\n    image: app:1\n' },
    {
      name: 'a bound named volume that no service mounts exposes nothing',
      code: 'services:\n  app:\n    image: app:1\nvolumes:\n  sock:\n    driver_opts:\n      type: none\n      o: bind\n      device: /var/run/docker.sock\n',
    },
    {
      name: 'a named volume without bind options is Docker-managed storage, whatever its device says',
      code: 'services:\n  app:\n    image: app:1\n    volumes: [sock:/var/run/docker.sock]\nvolumes:\n  sock:\n    driver_opts:\n      type: tmpfs\n      device: tmpfs\n',
    },
    { name: 'a named volume of another driver', code: 'services:\n  app:\n    image: app:1\nvolumes:\n  v:\n    driver: nfs\n    driver_opts:\n      o: bind\n      device: /run\n' },
  ],
  invalid: [
    {
      name: 'short syntax, with the exact message',
      code: svc('      - /var/run/docker.sock:/var/run/docker.sock\n'),
      errors: [{ messageId: 'socket', at: '5:9-5:50', message: 'Service "app" mounts the container engine socket "/var/run/docker.sock": whoever can reach it controls the host' }],
      output: 'services:\n  app:\n    image: app:1\n',
    },
    {
      name: 'read-only does not help, and the message says so',
      code: svc('      - "/var/run/docker.sock:/var/run/docker.sock:ro"\n'),
      errors: [
        {
          messageId: 'socketReadOnly',
          at: '5:9-5:55',
          message: 'Service "app" mounts the container engine socket "/var/run/docker.sock" read-only, but ":ro" does not restrict the API: whoever can reach it controls the host',
        },
      ],
      output: 'services:\n  app:\n    image: app:1\n',
    },
    {
      name: 'long syntax, read_only true',
      code: svc('      - type: bind\n        source: /run/docker.sock\n        target: /var/run/docker.sock\n        read_only: true\n'),
      errors: [{ messageId: 'socketReadOnly', at: '5:9-8:24' }],
      output: 'services:\n  app:\n    image: app:1\n',
    },
    {
      name: 'other engines and rootless sockets',
      code: svc(
        '      - /run/containerd/containerd.sock:/c.sock\n      - /var/run/crio/crio.sock:/crio.sock\n      - /run/user/1000/podman/podman.sock:/p.sock\n      - $XDG_RUNTIME_DIR/docker.sock:/d.sock\n      - ~/.docker/run/docker.sock:/var/run/docker.sock\n',
      ),
      errors: [
        { messageId: 'socket', at: '5:9-5:48' },
        { messageId: 'socket', at: '6:9-6:43' },
        { messageId: 'socket', at: '7:9-7:50' },
        { messageId: 'socket', at: '8:9-8:45' },
        { messageId: 'socket', at: '9:9-9:55' },
      ],
      output: 'services:\n  app:\n    image: app:1\n',
    },
    {
      name: 'directories that hold a socket, with odd spellings',
      code: svc('      - /var/run:/var/run\n      - /run/:/host/run:ro\n      - //run/containerd:/run/containerd\n      - /run/user/1000:/run/user/1000\n'),
      errors: [
        { messageId: 'directory', at: '5:9-5:26' },
        { messageId: 'directory', at: '6:9-6:27' },
        { messageId: 'directory', at: '7:9-7:41' },
        { messageId: 'directory', at: '8:9-8:38' },
      ],
      output: 'services:\n  app:\n    image: app:1\n',
    },
    {
      name: 'a default value in an interpolation is resolved',
      code: svc('      - ${DOCKER_SOCK:-/var/run/docker.sock}:/var/run/docker.sock\n'),
      errors: [{ messageId: 'socket', at: '5:9-5:66' }],
      output: 'services:\n  app:\n    image: app:1\n',
    },
    {
      name: 'the Windows engine pipe in short and long syntax',
      code: svc('      - \\\\.\\pipe\\docker_engine:\\\\.\\pipe\\docker_engine\n      - type: npipe\n        source: //./pipe/docker_engine\n        target: //./pipe/docker_engine\n'),
      errors: [
        { messageId: 'socket', at: '5:9-5:54' },
        { messageId: 'socket', at: '6:9-8:39' },
      ],
      output: 'services:\n  app:\n    image: app:1\n',
    },
    {
      name: 'flow style and no version key',
      code: 'services:\n  app: {image: app:1, volumes: ["/var/run/docker.sock:/sock"]}\n',
      errors: [{ messageId: 'socket', at: '2:33-2:61' }],
      output: 'services:\n  app: {image: app:1}\n',
    },
    {
      name: 'inherited through a merge key: reported on the << entry',
      code: 'x-base: &base\n  volumes:\n    - /var/run/docker.sock:/var/run/docker.sock\nservices:\n  app:\n    <<: *base\n    image: app:1\n',
      errors: [{ messageId: 'socket', at: '6:5-6:14' }],
    },
    {
      name: 'a version key changes nothing; only the service that mounts it is flagged',
      code: 'version: "3.8"\nservices:\n  web:\n    image: nginx:1.27\n  agent:\n    image: agent:1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n',
      errors: [{ messageId: 'socket', at: '8:9-8:50', message: 'Service "agent" mounts the container engine socket "/var/run/docker.sock": whoever can reach it controls the host' }],
      output: 'version: "3.8"\nservices:\n  web:\n    image: nginx:1.27\n  agent:\n    image: agent:1\n',
    },
    {
      name: 'a named volume that binds /var/run through the local driver: reported where it is mounted',
      code: 'services:\n  app:\n    image: app:1\n    volumes: [run:/host-run, ./d:/d]\nvolumes:\n  run:\n    driver_opts:\n      type: none\n      o: bind\n      device: /var/run\n',
      errors: [{ messageId: 'volumeDirectory', at: '4:15-4:28', message: 'Service "app" mounts the volume "run", which binds "/var/run", a host directory that holds the container engine socket, so it controls the host' }],
      output: 'services:\n  app:\n    image: app:1\n    volumes: [./d:/d]\nvolumes:\n  run:\n    driver_opts:\n      type: none\n      o: bind\n      device: /var/run\n',
    },
    {
      name: 'a named volume that binds the socket itself, in long syntax, read-only, with o: "bind,ro"; every service that mounts it',
      code:
        'services:\n  proxy:\n    image: traefik:3.1\n    volumes:\n      - type: volume\n        source: docker-sock\n        target: /var/run/docker.sock\n        read_only: true\n' +
        '  agent:\n    image: agent:1\n    volumes:\n      - docker-sock:/var/run/docker.sock:ro\n      - ./conf:/conf\n' +
        'volumes:\n  docker-sock:\n    driver: local\n    driver_opts:\n      type: none\n      o: "bind,ro"\n      device: /var/run/docker.sock\n',
      errors: [
        { messageId: 'volumeSocket', at: '5:9-8:24', message: 'Service "proxy" mounts the volume "docker-sock", which binds the container engine socket "/var/run/docker.sock": whoever can reach it controls the host' },
        { messageId: 'volumeSocket', at: '12:9-12:44' },
      ],
      output:
        'services:\n  proxy:\n    image: traefik:3.1\n' +
        '  agent:\n    image: agent:1\n    volumes:\n      - ./conf:/conf\n' +
        'volumes:\n  docker-sock:\n    driver: local\n    driver_opts:\n      type: none\n      o: "bind,ro"\n      device: /var/run/docker.sock\n',
    },
    {
      name: 'Dockerfile: a bind mount of the socket in a build step, with the exact message; no fix',
      code: 'FROM docker:27-cli\nRUN --mount=type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock docker build .\n',
      errors: [{ messageId: 'buildSocket', at: '2:23-2:50', message: 'This build step mounts the container engine socket "/var/run/docker.sock": whoever can reach it controls the host' }],
    },
    {
      name: 'Dockerfile: src= without a type (bind is the default), lowercase, continuation lines, ONBUILD, an ARG default and /run',
      code:
        'FROM docker:27-cli\nARG SOCK=/run/containerd/containerd.sock\nrun --mount=target=/s,src=/run/docker.sock \\\n    --mount=type=bind,source=$SOCK,target=/c \\\n    docker ps\n' +
        'ONBUILD RUN --mount=type=bind,source=/var/run,target=/host-run ls\n',
      errors: [
        { messageId: 'buildSocket', at: '3:23-3:43' },
        { messageId: 'buildSocket', at: '4:23-4:35' },
        { messageId: 'buildDirectory', at: '6:31-6:46', message: 'This build step mounts "/var/run", a directory that holds the container engine socket, so it controls the host' },
      ],
    },
    {
      name: 'the fix keeps comments, CRLF line endings and the other mounts',
      code: 'services:\r\n  agent:\r\n    image: agent:1\r\n    volumes:\r\n      # host access\r\n      - /var/run/docker.sock:/var/run/docker.sock # socket\r\n      - ./data:/data\r\n',
      errors: [{ messageId: 'socket', at: '6:9-6:50' }],
      output: 'services:\r\n  agent:\r\n    image: agent:1\r\n    volumes:\r\n      # host access\r\n      - ./data:/data\r\n',
    },
    {
      name: 'an item given through an alias: the alias item goes, the anchor stays',
      code: 'x-sock: &sock /var/run/docker.sock:/var/run/docker.sock\nservices:\n  app:\n    image: app:1\n    volumes:\n      - *sock\n      - ./d:/d\n',
      errors: [{ messageId: 'socket', at: '1:15-1:56' }],
      output: 'x-sock: &sock /var/run/docker.sock:/var/run/docker.sock\nservices:\n  app:\n    image: app:1\n    volumes:\n      - ./d:/d\n',
    },
    {
      name: 'a list shared through an alias is not edited',
      code: 'x-vols: &vols\n  - /var/run/docker.sock:/var/run/docker.sock\nservices:\n  app:\n    image: app:1\n    volumes: *vols\n',
      errors: [{ messageId: 'socket', at: '2:5-2:46' }],
    },
  ],
});
