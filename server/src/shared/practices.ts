/**
 * The 20 Docker security practices Bulkhead maps every finding to. The checklist view, hover,
 * the README and the SARIF output all read this list. Texts are our own summaries.
 */

export type PracticeGroup = 'host' | 'images' | 'monitoring';

export interface Practice {
  number: number;
  group: PracticeGroup;
  title: string;
  /** A label that fits a narrow side bar (the checklist view, the export's table). */
  short: string;
  /** What the practice asks for, in one or two sentences. */
  summary: string;
  /** What Bulkhead can see in Dockerfiles and Compose files for it. */
  checkable: string;
  /** What only a person can confirm (empty when the files tell the whole story). */
  review: string;
  /**
   * When the checklist asks a person even if no finding shows: `always` (no file can show it),
   * `unless-registries` (until a `trustedRegistries` allow-list is configured). Absent: the files decide.
   */
  needsPerson?: 'always' | 'unless-registries';
}

export const PRACTICE_GROUPS: Record<PracticeGroup, string> = {
  host: 'Docker and host configuration',
  images: 'Securing images',
  monitoring: 'Container monitoring',
};

export const PRACTICES: readonly Practice[] = [
  {
    number: 1,
    group: 'host',
    title: 'Keep the host and Docker engine up to date',
    short: 'Host updates',
    summary: 'Patch the host operating system and the Docker engine regularly; old engines carry known escapes.',
    checkable: 'Old Docker-in-Docker engine tags, an unpinned Dockerfile syntax directive, the obsolete Compose `version:` key.',
    review: 'Confirm the hosts and engines that run these containers are patched; no file shows that.',
    needsPerson: 'always',
  },
  {
    number: 2,
    group: 'host',
    title: 'Protect the Docker daemon socket',
    short: 'Daemon socket',
    summary: 'Whoever reaches the daemon socket or its TCP port controls the host as root.',
    checkable: 'Socket mounts, unencrypted `DOCKER_HOST=tcp://`, published 2375/2376, `dockerd -H tcp://`.',
    review: '',
  },
  {
    number: 3,
    group: 'host',
    title: 'Avoid privileged containers',
    short: 'Privileged',
    summary: 'Privileged mode, dangerous capabilities and host devices hand the host kernel to the container.',
    checkable: '`privileged`, `cap_add`, `devices`, `sudo`, `RUN --security=insecure`.',
    review: '',
  },
  {
    number: 4,
    group: 'host',
    title: 'Run as a non-root user (rootless)',
    short: 'Non-root',
    summary: 'Containers should run as an unprivileged user, and the daemon rootless where possible.',
    checkable: 'The final stage\'s `USER`, Compose `user:`, `userns_mode: host`, passwordless sudo for the user the image ends as.',
    review: 'Whether the daemon itself runs in rootless mode is a host setting.',
  },
  {
    number: 5,
    group: 'host',
    title: 'Set resource quotas',
    short: 'Quotas',
    summary: 'Memory, CPU and process limits contain a compromised or runaway container.',
    checkable: 'Memory, CPU and PIDs limits on Compose services.',
    review: '',
  },
  {
    number: 6,
    group: 'host',
    title: 'Do not rely on the default bridge network',
    short: 'Networks',
    summary: 'Use user-defined networks so that only the containers that must talk can.',
    checkable: '`network_mode: bridge`/`host`, ports published on every interface.',
    review: '',
  },
  {
    number: 7,
    group: 'host',
    title: 'Improve container isolation',
    short: 'Isolation',
    summary: 'Keep the host\'s namespaces, filesystems and other containers out of reach.',
    checkable: 'Host PID/IPC/UTS/cgroup namespaces, sensitive host paths mounted, shared namespaces and volumes.',
    review: 'Host-level isolation (user namespaces remapping, kernel hardening) is configured outside these files.',
  },
  {
    number: 8,
    group: 'host',
    title: 'Use read-only filesystems',
    short: 'Read-only',
    summary: 'A read-only root filesystem and read-only mounts stop an attacker from changing the container.',
    checkable: '`read_only`, writable bind mounts, tmpfs options.',
    review: '',
  },
  {
    number: 9,
    group: 'host',
    title: 'Restrict system calls',
    short: 'Syscalls',
    summary: 'Keep seccomp and AppArmor/SELinux profiles on, and drop capabilities the service does not use.',
    checkable: '`seccomp:unconfined`, `apparmor:unconfined`, `label:disable`, `cap_drop`.',
    review: 'Whether a custom seccomp profile matches what the application really calls needs runtime observation.',
  },
  {
    number: 10,
    group: 'host',
    title: 'Maintain the full lifecycle',
    short: 'Lifecycle',
    summary: 'Build from supported, verified inputs: patched bases, checked downloads, no disabled TLS or signatures.',
    checkable: 'End-of-life base images, unverified downloads, disabled TLS or signature checks.',
    review: 'Patching cadence, vulnerability testing and forensics tooling are processes, not file content.',
  },
  {
    number: 11,
    group: 'images',
    title: 'Use minimal base images',
    short: 'Base images',
    summary: 'Every package in the final image is attack surface; ship only what the application needs.',
    checkable: 'Full-distribution bases in the final stage, extra recommended packages, build tools left behind.',
    review: '',
  },
  {
    number: 12,
    group: 'images',
    title: 'Test and verify images',
    short: 'Image scan',
    summary: 'Take images from trusted sources and scan them for known vulnerabilities before use.',
    checkable: 'Registry allow-list (when configured).',
    review: 'Image scanning and signature verification happen in CI or the registry; confirm they run.',
    needsPerson: 'always',
  },
  {
    number: 13,
    group: 'images',
    title: 'Use fixed tags',
    short: 'Fixed tags',
    summary: 'Pin images to specific versions or digests so a build cannot change underneath you.',
    checkable: 'Missing, `latest` and floating tags in `FROM` and `image:`; package version pinning (opt-in).',
    review: '',
  },
  {
    number: 14,
    group: 'images',
    title: 'Keep secrets out of images',
    short: 'Secrets',
    summary: 'Credentials in Dockerfiles, build arguments, layers or Compose files leak to anyone with the image or repo.',
    checkable: 'Secret-shaped ENV/ARG/environment values, token formats, passwords in URLs and connection strings, account passwords set in the image, secret files copied into images.',
    review: 'Confirm that secrets are provided at run time by a secret manager.',
  },
  {
    number: 15,
    group: 'images',
    title: 'Use private registries',
    short: 'Registries',
    summary: 'Pull from a registry you control, with access control, rather than straight from public ones.',
    checkable: 'Images outside the configured `trustedRegistries`.',
    review: 'Without a configured allow-list, someone must confirm where images come from.',
    needsPerson: 'unless-registries',
  },
  {
    number: 16,
    group: 'images',
    title: 'Use multi-stage builds',
    short: 'Multi-stage',
    summary: 'Build in one stage and copy only the artefacts into a small final stage.',
    checkable: 'Compilers and SDKs left in the final stage, single-stage builds that compile.',
    review: '',
  },
  {
    number: 17,
    group: 'monitoring',
    title: 'Monitor container activity',
    short: 'Monitoring',
    summary: 'Health checks and logs are how you notice a container misbehaving.',
    checkable: 'Healthchecks (missing or disabled), logging driver `none`.',
    review: 'Confirm the containers are watched by a monitoring system.',
    needsPerson: 'always',
  },
  {
    number: 18,
    group: 'monitoring',
    title: 'Implement runtime security',
    short: 'Runtime',
    summary: 'Block privilege escalation and drift while the container runs.',
    checkable: '`no-new-privileges`, setuid/setgid bits created in images.',
    review: 'Runtime drift prevention and threat detection are deployed outside these files.',
  },
  {
    number: 19,
    group: 'monitoring',
    title: 'Maintain containers without direct access',
    short: 'Direct access',
    summary: 'No SSH into containers: replace them, and ship logs out instead.',
    checkable: 'SSH servers installed or started, port 22 exposed or published, debuggers listening on every interface.',
    review: '',
  },
  {
    number: 20,
    group: 'monitoring',
    title: 'Use metadata',
    short: 'Metadata',
    summary: 'Labels record who built an image, from which source, under which licence.',
    checkable: 'Deprecated `MAINTAINER`, missing OCI labels.',
    review: '',
  },
];

export function practice(n: number): Practice | undefined {
  return PRACTICES.find((p) => p.number === n);
}
