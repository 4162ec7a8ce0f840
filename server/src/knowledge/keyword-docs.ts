/**
 * Short, security-focused explanations of the Dockerfile instructions and flags and the Compose
 * keys that matter for security, shown on hover. Our own words; each entry names the practice
 * it belongs to.
 */

export interface KeywordDoc {
  practice: number;
  text: string;
  /** The rules that check it, when the rules' summaries do not name it the way hover looks for. */
  rules?: readonly string[];
}

export const DOCKERFILE_KEYWORDS: Record<string, KeywordDoc> = {
  FROM: { practice: 13, text: 'Sets the base image. Pin it to a specific version (or a digest) and prefer a small, maintained base: every package in it ships with your image.' },
  USER: { practice: 4, text: 'Sets the user the following instructions and the container run as. Without it the container runs as root; end the final stage with an unprivileged user, ideally a numeric uid.' },
  RUN: { practice: 10, text: 'Runs a command at build time, as the current USER, with network access. Downloads here should be verified (checksum or signature) and secrets passed with `--mount=type=secret`, never as ARG or ENV.' },
  ADD: { practice: 10, text: 'Copies files, and also fetches URLs and unpacks local archives. For plain files prefer COPY; for URLs pin the content with `--checksum=sha256:...`.' },
  COPY: { practice: 14, text: 'Copies files from the build context or another stage. `COPY . .` sends the whole context: keep `.env`, keys and `.git` out with a `.dockerignore`.' },
  ENV: { practice: 14, text: 'Sets environment variables that persist in the image and every container started from it. Anyone who can pull the image can read them: never put secrets here.' },
  ARG: { practice: 14, text: 'Declares a build-time variable. Its values are recorded in the image history, so it is not a safe way to pass secrets; use `RUN --mount=type=secret` instead.' },
  EXPOSE: { practice: 6, text: 'Documents the ports the application listens on. It publishes nothing by itself, but an exposed 22 or 2375 usually means an SSH server or an open Docker API.' },
  HEALTHCHECK: { practice: 17, text: 'Tells Docker how to test that the container still works, so orchestrators can restart it. `HEALTHCHECK NONE` switches off a check inherited from the base image.' },
  MAINTAINER: { practice: 20, text: 'Deprecated. Record the author with `LABEL org.opencontainers.image.authors=...` instead.' },
  LABEL: { practice: 20, text: 'Adds metadata to the image. The OCI keys (`org.opencontainers.image.source`, `.version`, `.licenses`, ...) tell users and scanners where an image comes from.' },
  VOLUME: { practice: 8, text: 'Declares a mount point whose data lives outside the container filesystem. Keep application code out of writable volumes.' },
  WORKDIR: { practice: 8, text: 'Sets the working directory. Use an absolute path under a directory the runtime user owns, not a system directory.' },
  SHELL: { practice: 10, text: 'Changes the shell used by the shell form of RUN, CMD and ENTRYPOINT.' },
  CMD: { practice: 19, text: 'The default command of the container. Start the application itself, not an SSH daemon or a process supervisor that hides failures.' },
  ENTRYPOINT: { practice: 19, text: 'The executable the container runs. The exec (JSON) form lets it receive signals directly.' },
  ONBUILD: { practice: 10, text: 'Registers an instruction that runs in every image built FROM this one: it executes in builds you do not see.' },
  STOPSIGNAL: { practice: 17, text: 'The signal sent to stop the container gracefully.' },
};

export const DOCKERFILE_FLAGS: Record<string, KeywordDoc> = {
  '--mount': { practice: 14, text: 'Mounts a cache, a secret, an SSH agent or a bind source for this RUN only. `type=secret` is the safe way to use credentials at build time; mounting the Docker socket gives the build root on the host.' },
  '--network': { practice: 3, text: 'Chooses the network of this RUN. `host` gives the build step the host\'s network stack.' },
  '--security': { practice: 3, text: '`insecure` runs this step without the sandbox (like a privileged container); it needs the `security.insecure` entitlement.' },
  '--checksum': { practice: 10, text: 'Pins the content of an `ADD <url>`: the build fails if the download does not match the digest.' },
  '--chown': { practice: 4, text: 'Sets the owner of the copied files. Application code should usually stay owned by root and read-only for the runtime user.' },
  '--chmod': { practice: 18, text: 'Sets the permissions of the copied files. Avoid setuid/setgid bits and world-writable modes.' },
  '--from': { practice: 16, text: 'Copies from an earlier build stage (or an image): the heart of multi-stage builds.' },
  '--platform': { practice: 13, text: 'Selects the platform of the base image.' },
};

export const COMPOSE_KEYS: Record<string, KeywordDoc> = {
  user: { practice: 4, text: 'The user (and group) the service runs as, overriding the image\'s USER. Prefer a numeric, unprivileged uid; `root` or `0` undoes a non-root image.' },
  privileged: { practice: 3, text: 'Gives the container every capability and host device and switches off its confinement. Almost never needed; grant a single capability instead.' },
  cap_add: { practice: 3, text: 'Adds Linux capabilities. `ALL`, `SYS_ADMIN`, `SYS_PTRACE` or `SYS_MODULE` are close to root on the host.' },
  cap_drop: { practice: 9, text: 'Removes Linux capabilities. `cap_drop: [ALL]` and adding back only what the service needs is the tightest setting.' },
  security_opt: { practice: 9, text: 'Security options: `no-new-privileges:true` blocks setuid escalation; `seccomp:unconfined`, `apparmor:unconfined` or `label:disable` remove a layer of protection.' },
  read_only: { practice: 8, text: 'Mounts the container\'s root filesystem read-only, so an attacker cannot modify binaries or configuration. Give writable paths a `tmpfs` or a volume.' },
  network_mode: { practice: 6, text: '`host` shares the host\'s network stack; `bridge` uses Docker\'s default bridge, where every container can reach every other. Prefer a user-defined network.' },
  networks: { practice: 6, text: 'User-defined networks control which services can talk; mark back-end networks `internal: true`.' },
  pid: { practice: 7, text: '`host` lets the container see and signal every process on the host.' },
  ipc: { practice: 7, text: '`host` shares the host\'s shared memory and semaphores with the container.' },
  uts: { practice: 7, text: '`host` shares the host\'s hostname and domain name.' },
  userns_mode: { practice: 4, text: '`host` turns off user-namespace remapping for this container: root inside is root outside.' },
  cgroup: { practice: 7, text: '`host` runs the container in the host\'s cgroup namespace.' },
  devices: { practice: 3, text: 'Maps host devices into the container. Raw disks or `/dev/mem` give direct access to host data.' },
  volumes: { practice: 8, text: 'Mounts volumes or host paths. Mount host paths read-only (`:ro`), and never the Docker socket or system directories.' },
  tmpfs: { practice: 8, text: 'In-memory writable mounts, the companion of `read_only: true`. Add `noexec,nosuid,nodev` where the application allows.' },
  secrets: { practice: 14, text: 'Secrets mounted as files under `/run/secrets/`, instead of environment variables that show up in `docker inspect`.' },
  environment: { practice: 14, text: 'Environment variables are visible to anyone who can inspect the container. Pass credentials as `secrets:` (or `*_FILE` variables) instead.' },
  healthcheck: { practice: 17, text: 'How Docker checks that the service works. Services that others depend on with `condition: service_healthy` need one.' },
  logging: { practice: 17, text: 'The log driver. `none` throws the logs away, and with them the trail of an incident.' },
  image: { practice: 13, text: 'The image to run. Pin a version (or a digest) instead of `latest` or a moving tag.' },
  ports: { practice: 6, text: 'Publishes container ports on the host. Without a host IP they listen on every interface; bind to `127.0.0.1` when only local access is needed.' },
  mem_limit: { practice: 5, text: 'Memory limit of the container (also `deploy.resources.limits.memory`).' },
  cpus: { practice: 5, text: 'CPU limit of the container (also `deploy.resources.limits.cpus`).' },
  pids_limit: { practice: 5, text: 'Maximum number of processes, a guard against fork bombs (also `deploy.resources.limits.pids`).' },
  deploy: { practice: 5, text: '`deploy.resources.limits` sets memory, CPU and process limits.' },
  build: { practice: 16, text: 'Builds the image from a Dockerfile; `args` are recorded in the image history, `secrets` are not.' },
  volumes_from: { practice: 7, text: 'Mounts every volume of another service or container, sharing its data.' },
  restart: { practice: 17, text: 'When Docker restarts the container. `always` without a healthcheck can hide a crash loop.' },
};

/** Dev Container (`devcontainer.json`) properties that matter for security. */
export const DEVCONTAINER_KEYS: Record<string, KeywordDoc> = {
  image: { practice: 13, rules: ['image-tag-pinned', 'base-image-end-of-life', 'trusted-registries', 'non-root-user'], text: 'The image the dev container runs. Pin a version tag; the Dev Containers images (`mcr.microsoft.com/devcontainers/*`) also select a non-root user.' },
  build: { practice: 13, rules: ['non-root-user'], text: 'Builds the dev container from a Dockerfile (`dockerfile`, `context`, `target`, `args`). That Dockerfile is checked on its own and listed in this dev container\'s checklist.' },
  dockerFile: { practice: 13, rules: ['non-root-user'], text: 'Legacy spelling of `build.dockerfile`: the Dockerfile the dev container is built from.' },
  dockerComposeFile: { practice: 6, rules: ['non-root-user'], text: 'The Compose file(s) that start the dev container; `service` names its service. Those files are checked on their own and listed in this dev container\'s checklist.' },
  service: { practice: 6, rules: ['non-root-user'], text: 'The Compose service the tools attach to. Its `user`, `privileged`, volumes and ports apply to the dev container.' },
  runServices: { practice: 6, text: 'The Compose services to start; the others stay stopped, so their findings are left out of this dev container\'s checklist.' },
  overrideCommand: { practice: 19, text: 'Replaces the container\'s command with a sleep loop (default for an image or a Dockerfile, not for Compose): the image\'s CMD and ENTRYPOINT do not run.' },
  privileged: { practice: 3, rules: ['no-privileged'], text: 'Runs the dev container with every capability and host device and no confinement: anything in it (an extension, a dependency\'s install script) can take over your machine.' },
  runArgs: { practice: 3, rules: ['no-privileged', 'no-dangerous-capabilities', 'no-unconfined-security-profiles', 'no-host-namespaces', 'no-docker-socket-mount', 'no-sensitive-host-mounts', 'no-dangerous-devices', 'bind-ports-to-localhost'], text: 'Extra `docker run` arguments. `--privileged`, `--cap-add`, `--security-opt ...=unconfined`, `--network=host`, `--pid=host`, `--device` and socket mounts weaken the container\'s isolation from your machine.' },
  capAdd: { practice: 3, rules: ['no-dangerous-capabilities'], text: 'Linux capabilities to add. `SYS_PTRACE` for debuggers stays inside the container; `SYS_ADMIN`, `SYS_MODULE` or `ALL` reach the host.' },
  securityOpt: { practice: 9, rules: ['no-unconfined-security-profiles'], text: 'Security options. `seccomp=unconfined`, `apparmor=unconfined` or `label=disable` remove a layer that stands between the container and the host kernel.' },
  mounts: { practice: 8, rules: ['no-docker-socket-mount', 'no-sensitive-host-mounts'], text: 'Extra mounts (`source=...,target=...,type=bind` or objects). Never the Docker socket or your home directory\'s keys; mount project folders or volumes.' },
  workspaceMount: { practice: 8, text: 'How the project folder is mounted. Keep it to the project: a parent or home directory gives the container your other files.' },
  features: { practice: 3, rules: ['no-privileged', 'no-docker-socket-mount'], text: 'Dev Container Features install tools and may change how the container runs: `docker-in-docker` makes it privileged, `docker-outside-of-docker` mounts your Docker socket.' },
  remoteUser: { practice: 4, rules: ['non-root-user'], text: 'The user VS Code\'s server, terminals and lifecycle commands run as. Use a non-root user; files it creates in the workspace belong to it.' },
  containerUser: { practice: 4, rules: ['non-root-user'], text: 'The user the whole container runs as (`docker run --user`). Root here makes every process root.' },
  updateRemoteUserUID: { practice: 4, text: 'On Linux, changes the non-root remote user\'s uid/gid to yours so workspace files keep your ownership (default true). It never applies to root, which is one more reason not to use root.' },
  containerEnv: { practice: 14, rules: ['no-tls-bypass'], text: 'Variables set on the container. They are visible to every process and in `docker inspect`: no secrets, and no `NODE_TLS_REJECT_UNAUTHORIZED=0`.' },
  remoteEnv: { practice: 14, rules: ['no-tls-bypass'], text: 'Variables for the tools and terminals; `${localEnv:VAR}` copies a variable from your machine. Keep secrets out of the file.' },
  forwardPorts: { practice: 6, text: 'Ports VS Code forwards to `localhost` on your machine: only you can reach them. Prefer this to `appPort`.' },
  appPort: { practice: 6, rules: ['bind-ports-to-localhost'], text: 'Ports published with `docker run -p`, on every network interface unless written `127.0.0.1:host:container`.' },
  initializeCommand: { practice: 10, rules: ['no-curl-pipe-shell', 'no-tls-bypass'], text: 'Runs on your machine (not in the container) before it starts, as you: whoever can change this file runs code on your machine.' },
  onCreateCommand: { practice: 10, rules: ['no-curl-pipe-shell', 'no-tls-bypass'], text: 'Runs in the container when it is created. Downloads should be verified, not piped into a shell.' },
  updateContentCommand: { practice: 10, rules: ['no-curl-pipe-shell', 'no-tls-bypass'], text: 'Runs in the container when new content is available. Downloads should be verified, not piped into a shell.' },
  postCreateCommand: { practice: 10, rules: ['no-curl-pipe-shell', 'no-tls-bypass'], text: 'Runs in the container after it is created, as `remoteUser`. Downloads should be verified, not piped into a shell.' },
  postStartCommand: { practice: 10, rules: ['no-curl-pipe-shell', 'no-tls-bypass'], text: 'Runs in the container every time it starts. Downloads should be verified, not piped into a shell.' },
  postAttachCommand: { practice: 10, rules: ['no-curl-pipe-shell', 'no-tls-bypass'], text: 'Runs every time a tool attaches to the container. Downloads should be verified, not piped into a shell.' },
  init: { practice: 17, text: 'Runs a small init process as PID 1 (`docker run --init`), so signals reach the tools and zombie processes are reaped.' },
};
