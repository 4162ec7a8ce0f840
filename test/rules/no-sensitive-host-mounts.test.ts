import rule from '../../server/src/rules/no-sensitive-host-mounts';
import { testRule } from '../helpers/rule-tester';

const svc = (volumes: string) => `services:\n  app:\n    image: app:1\n    volumes:\n${volumes}`;

testRule(rule, {
  valid: [
    {
      name: 'time zone, hosts and project paths',
      code: svc('      - /etc/localtime:/etc/localtime:ro\n      - /etc/timezone:/etc/timezone:ro\n      - /etc/hosts:/etc/hosts:ro\n      - ./data:/data\n      - ../shared:/shared\n      - data:/var/lib/postgresql/data\n'),
    },
    { name: 'ordinary host directories', code: svc('      - /srv/app:/srv/app\n      - /var/log/app:/logs\n      - /opt/tools:/opt/tools:ro\n      - /etc/nginx/conf.d:/etc/nginx/conf.d:ro\n      - /usr/share/zoneinfo:/usr/share/zoneinfo:ro\n') },
    { name: 'inside a home directory but not a credential folder', code: svc('      - ~/projects/app:/app\n      - ${HOME}/.cache/pip:/root/.cache/pip\n      - /home/oracle/oradata:/oradata\n') },
    { name: 'engine sockets and their directories belong to no-docker-socket-mount', code: svc('      - /var/run/docker.sock:/var/run/docker.sock\n      - /run:/run\n') },
    { name: 'read-only passwd and group only map users', code: svc('      - /etc/passwd:/etc/passwd:ro\n      - type: bind\n        source: /etc/group\n        target: /etc/group\n        read_only: true\n') },
    { name: 'an anonymous volume at a sensitive container path', code: svc('      - /var/lib/backup/data\n      - /etc\n') },
    { name: 'a named volume mounted at /etc', code: svc('      - type: volume\n        source: conf\n        target: /etc/app\n') },
    { name: 'read-only cron files and a read-only cgroup tree (systemd containers)', code: svc('      - /etc/cron.d:/etc/cron.d:ro\n      - /sys/fs/cgroup:/sys/fs/cgroup:ro\n      - /etc/crontab:/etc/crontab:ro\n') },
    { name: 'ordinary devices', code: svc('      - /dev/null:/dev/null\n      - /dev/snd:/dev/snd\n      - /dev/dri:/dev/dri\n') },
    { name: 'a variable without a default', code: svc('      - ${DATA_DIR}/etc:/etc/app\n      - $PWD/scripts:/scripts\n') },
  ],
  invalid: [
    {
      name: 'the root filesystem and /etc, with the exact message',
      code: svc('      - /:/rootfs:ro\n      - /etc:/host/etc\n'),
      errors: [
        { messageId: 'mount', at: '5:9-5:21', message: 'Service "app" mounts the host path "/", which is the whole host filesystem; mount only the files it needs' },
        { messageId: 'mount', at: '6:9-6:23', message: 'Service "app" mounts the host path "/etc", which holds the host configuration, password hashes and sudo rules; mount only the files it needs' },
      ],
      output: 'services:\n  app:\n    image: app:1\n    volumes:\n      - /:/rootfs:ro\n      - /etc:/host/etc:ro\n',
    },
    {
      name: 'secrets under /etc, even read-only; a writable passwd',
      code: svc('      - /etc/shadow:/etc/shadow:ro\n      - /etc/ssh/ssh_host_rsa_key:/key:ro\n      - /etc/kubernetes/admin.conf:/kubeconfig\n      - /etc/docker:/etc/docker\n      - /etc/passwd:/etc/passwd\n'),
      errors: [
        { messageId: 'mount', at: '5:9-5:35' },
        { messageId: 'mount', at: '6:9-6:42' },
        { messageId: 'mount', at: '7:9-7:47' },
        { messageId: 'mount', at: '8:9-8:32' },
        { messageId: 'mount', at: '9:9-9:32', message: 'Service "app" mounts the host path "/etc/passwd", which is writable, so the container can add a root account to the host; mount only the files it needs' },
      ],
      output: 'services:\n  app:\n    image: app:1\n    volumes:\n      - /etc/shadow:/etc/shadow:ro\n      - /etc/ssh/ssh_host_rsa_key:/key:ro\n      - /etc/kubernetes/admin.conf:/kubeconfig:ro\n      - /etc/docker:/etc/docker:ro\n      - /etc/passwd:/etc/passwd:ro\n',
    },
    {
      name: 'kernel and system paths',
      code: svc('      - /proc:/host/proc:ro\n      - /sys/fs/cgroup:/sys/fs/cgroup\n      - /dev:/dev\n      - /boot:/boot:ro\n      - /root:/root\n      - /lib/modules:/lib/modules\n      - /usr:/usr\n      - /var/lib/docker/:/var/lib/docker:ro\n      - /var/lib/kubelet/pods:/pods\n'),
      errors: [5, 6, 7, 8, 9, 10, 11, 12, 13].map((line, i) => ({ messageId: 'mount', at: `${line}:9-${line}:${9 + [19, 29, 9, 14, 11, 25, 9, 35, 27][i]}` })),
      output: 'services:\n  app:\n    image: app:1\n    volumes:\n      - /proc:/host/proc:ro\n      - /sys/fs/cgroup:/sys/fs/cgroup:ro\n      - /dev:/dev:ro\n      - /boot:/boot:ro\n      - /root:/root:ro\n      - /lib/modules:/lib/modules:ro\n      - /usr:/usr:ro\n      - /var/lib/docker/:/var/lib/docker:ro\n      - /var/lib/kubelet/pods:/pods:ro\n',
    },
    {
      name: 'a directory that contains a sensitive one',
      code: svc('      - /var/lib:/host/var/lib:ro\n'),
      errors: [{ messageId: 'mount', at: '5:9-5:34', message: 'Service "app" mounts the host path "/var/lib", which contains "/var/lib/docker", which holds every container\'s files and the Docker engine state; mount only the files it needs' }],
    },
    {
      name: 'home directories and credential folders in every spelling',
      code: svc('      - ~/.ssh:/root/.ssh:ro\n      - $HOME/.aws:/root/.aws\n      - ${HOME}/.kube/config:/root/.kube/config\n      - /home/dev/.docker:/root/.docker\n      - /Users/me/.config/gcloud:/gcloud\n      - /home:/home\n      - ~:/host-home\n      - /home/dev/:/home/dev\n'),
      errors: [
        { messageId: 'mount', at: '5:9-5:29', message: 'Service "app" mounts the host path "~/.ssh", which holds SSH private keys; mount only the files it needs' },
        { messageId: 'mount', at: '6:9-6:30' },
        { messageId: 'mount', at: '7:9-7:48' },
        { messageId: 'mount', at: '8:9-8:40' },
        { messageId: 'mount', at: '9:9-9:41' },
        { messageId: 'mount', at: '10:9-10:20' },
        { messageId: 'mount', at: '11:9-11:21' },
        { messageId: 'mount', at: '12:9-12:29' },
      ],
      output: 'services:\n  app:\n    image: app:1\n    volumes:\n      - ~/.ssh:/root/.ssh:ro\n      - $HOME/.aws:/root/.aws:ro\n      - ${HOME}/.kube/config:/root/.kube/config:ro\n      - /home/dev/.docker:/root/.docker:ro\n      - /Users/me/.config/gcloud:/gcloud:ro\n      - /home:/home:ro\n      - ~:/host-home:ro\n      - /home/dev/:/home/dev:ro\n',
    },
    {
      name: 'long syntax, flow style, quotes, a default value and a version key',
      code: 'version: "3.8"\nservices:\n  app:\n    image: app:1\n    volumes:\n      - type: bind\n        source: /etc/ssh\n        target: /etc/ssh\n      - "${ROOT_DIR:-/root}:/host-root"\n  b: {image: b:1, volumes: ["/proc:/proc"]}\n',
      errors: [
        { messageId: 'mount', at: '6:9-8:25' },
        { messageId: 'mount', at: '9:9-9:40' },
        { messageId: 'mount', at: '10:29-10:42' },
      ],
      output: 'version: "3.8"\nservices:\n  app:\n    image: app:1\n    volumes:\n      - type: bind\n        source: /etc/ssh\n        target: /etc/ssh\n        read_only: true\n      - "${ROOT_DIR:-/root}:/host-root:ro"\n  b: {image: b:1, volumes: ["/proc:/proc:ro"]}\n',
    },
    {
      name: 'inherited through a merge key: reported on the << entry',
      code: 'x-mounts: &mounts\n  volumes:\n    - /:/host\nservices:\n  app:\n    <<: *mounts\n    image: app:1\n',
      errors: [{ messageId: 'mount', at: '6:5-6:16' }],
    },
    {
      name: 'a named volume that binds a sensitive path through the local driver: reported where it is mounted, not where it is declared',
      code: 'services:\n  app:\n    image: app:1\n    volumes:\n      - etc:/host/etc\n  idle:\n    image: idle:1\nvolumes:\n  etc:\n    driver: local\n    driver_opts:\n      type: none\n      o: bind\n      device: /etc\n',
      errors: [{ messageId: 'volume', at: '5:9-5:22', message: 'Service "app" mounts the volume "etc", which binds the host path "/etc"; that path holds the host configuration, password hashes and sudo rules, so bind only the files the service needs' }],
    },
    {
      name: 'named volumes binding /dev/shm, cron and the systemd socket directory, in long syntax',
      code:
        'services:\n  app:\n    image: app:1\n    volumes:\n      - {type: volume, source: shm, target: /dev/shm}\n      - {type: volume, source: cron, target: /etc/cron.d}\n      - {type: volume, source: sd, target: /run/systemd}\n' +
        'volumes:\n  shm: {driver_opts: {type: none, o: bind, device: /dev/shm}}\n  cron: {driver_opts: {type: none, o: rbind, device: /etc/cron.d}}\n  sd: {driver_opts: {type: none, o: bind, device: /run/systemd/private}}\n',
      errors: [
        { messageId: 'volume', at: '5:9-5:54' },
        { messageId: 'volume', at: '6:9-6:58' },
        { messageId: 'volume', at: '7:9-7:57' },
      ],
    },
    {
      name: 'more sensitive host paths: systemd\'s socket, cron, shared memory, the kernel log and memory, disks, a writable cgroup tree',
      code: svc(
        '      - /run/systemd/private:/run/systemd/private\n      - /etc/cron.d:/etc/cron.d\n      - /var/spool/cron/crontabs:/crontabs\n      - /dev/shm:/dev/shm\n' +
          '      - /dev/kmsg:/dev/kmsg\n      - /dev/mem:/dev/mem:ro\n      - /dev/md/data:/dev/md/data\n      - /dev/sda1:/dev/sda1\n      - /sys/fs/cgroup:/sys/fs/cgroup:rw\n',
      ),
      errors: [
        { messageId: 'mount', at: '5:9-5:50', message: 'Service "app" mounts the host path "/run/systemd/private", which holds systemd\'s private control socket, through which any command starts on the host as root; mount only the files it needs' },
        { messageId: 'mount', at: '6:9-6:32' },
        { messageId: 'mount', at: '7:9-7:43' },
        { messageId: 'mount', at: '8:9-8:26' },
        { messageId: 'mount', at: '9:9-9:28' },
        { messageId: 'mount', at: '10:9-10:29' },
        { messageId: 'mount', at: '11:9-11:34' },
        { messageId: 'mount', at: '12:9-12:28' },
        { messageId: 'mount', at: '13:9-13:41' },
      ],
      output: svc(
        '      - /run/systemd/private:/run/systemd/private:ro\n      - /etc/cron.d:/etc/cron.d:ro\n      - /var/spool/cron/crontabs:/crontabs:ro\n      - /dev/shm:/dev/shm:ro\n' +
          '      - /dev/kmsg:/dev/kmsg:ro\n      - /dev/mem:/dev/mem:ro\n      - /dev/md/data:/dev/md/data:ro\n      - /dev/sda1:/dev/sda1:ro\n      - /sys/fs/cgroup:/sys/fs/cgroup:ro\n',
      ),
    },
    {
      name: 'fix: ":ro" joins existing options or replaces "rw"; "read_only: false" becomes true; CRLF and comments survive',
      code: 'services:\r\n  app:\r\n    image: app:1\r\n    volumes:\r\n      - ~/.aws:/root/.aws:z # creds\r\n      - \'/etc/group:/etc/group:rw\'\r\n      - type: bind\r\n        source: /root\r\n        target: /r\r\n        read_only: "no"\r\n',
      errors: [
        { messageId: 'mount', at: '5:9-5:28' },
        { messageId: 'mount', at: '6:9-6:35' },
        { messageId: 'mount', at: '7:9-10:24' },
      ],
      output: 'services:\r\n  app:\r\n    image: app:1\r\n    volumes:\r\n      - ~/.aws:/root/.aws:z,ro # creds\r\n      - \'/etc/group:/etc/group:ro\'\r\n      - type: bind\r\n        source: /root\r\n        target: /r\r\n        read_only: true\r\n',
    },
  ],
});
