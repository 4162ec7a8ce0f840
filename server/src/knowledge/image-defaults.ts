import { matchesAny } from '../core/glob';
import { kept } from '../core/kept';
import type { ImageRef } from '../parse/image-ref';

/**
 * What some well-known images already do, so rules do not ask for it again: images whose image
 * configuration runs a non-root user (`USER` in their Dockerfile), and images that define a
 * `HEALTHCHECK`. Bundled so the check works offline. Each entry names where it was read; checked
 * on 2026-12-02 against the images' published Dockerfiles and documentation.
 *
 * Patterns are globs on `registry/repository:tag` (Docker Hub written `docker.io/...`, official
 * images `docker.io/library/...`); `*` stays within one path segment.
 *
 * Refresh: re-read each source, update `IMAGE_DEFAULTS_TAKEN_ON`, and run the knowledge tests.
 */

export const IMAGE_DEFAULTS_TAKEN_ON = '2026-12-02';

export interface ImageDefault {
  /** How messages and docs name the image family. */
  label: string;
  patterns: readonly string[];
  /** Patterns inside `patterns` that the fact does not cover (a base image of the same publisher). */
  except?: readonly string[];
  /** The non-root user the image runs as, when it sets one. */
  user?: string;
  /** True when the image defines a HEALTHCHECK. */
  healthcheck?: true;
  source: string;
}

export const IMAGE_DEFAULTS: readonly ImageDefault[] = [
  {
    label: 'Jenkins (jenkins/jenkins)',
    patterns: ['docker.io/jenkins/jenkins:*'],
    user: 'jenkins',
    source: 'https://github.com/jenkinsci/docker/blob/master/debian/Dockerfile (USER ${user}, user=jenkins)',
  },
  {
    label: 'Grafana (grafana/grafana)',
    patterns: ['docker.io/grafana/grafana:*', 'docker.io/grafana/grafana-oss:*', 'docker.io/grafana/grafana-enterprise:*'],
    user: '472 (grafana)',
    source: 'https://grafana.com/docs/grafana/latest/setup-grafana/installation/docker/ (the images run as the grafana user, UID 472)',
  },
  {
    label: 'Bitnami images (bitnami/*)',
    patterns: ['docker.io/bitnami/*:*', 'public.ecr.aws/bitnami/*:*'],
    except: ['docker.io/bitnami/minideb:*', 'public.ecr.aws/bitnami/minideb:*'],
    user: '1001',
    source:
      'https://docs.bitnami.com/tutorials/why-non-root-containers-are-important-for-security/ and the images\' Dockerfiles in ' +
      'https://github.com/bitnami/containers (USER 1001, e.g. bitnami/postgresql, bitnami/wordpress); the minideb base image runs as root',
  },
  {
    label: 'Jupyter Docker Stacks (jupyter/*, quay.io/jupyter/*)',
    patterns: ['docker.io/jupyter/*:*', 'quay.io/jupyter/*:*'],
    user: '1000 (jovyan)',
    source: 'https://github.com/jupyter/docker-stacks/blob/main/images/docker-stacks-foundation/Dockerfile (USER ${NB_UID})',
  },
  {
    label: 'Jupyter notebook images (*-notebook)',
    patterns: ['docker.io/jupyter/*-notebook:*', 'quay.io/jupyter/*-notebook:*'],
    healthcheck: true,
    source: 'https://github.com/jupyter/docker-stacks/blob/main/images/base-notebook/Dockerfile (HEALTHCHECK ... docker_healthcheck.py)',
  },
  {
    label: 'Selenium (selenium/*)',
    patterns: ['docker.io/selenium/*:*'],
    user: '1200 (seluser)',
    source: 'https://github.com/SeleniumHQ/docker-selenium/blob/trunk/Base/Dockerfile (USER 1200:1201)',
  },
  {
    label: 'Solr (solr)',
    patterns: ['docker.io/library/solr:*'],
    user: '8983 (solr)',
    source: 'https://github.com/apache/solr-docker (USER $SOLR_UID, SOLR_UID=8983)',
  },
  {
    label: 'SonarQube (sonarqube)',
    patterns: ['docker.io/library/sonarqube:*', 'docker.io/sonarsource/sonarqube:*'],
    user: 'sonarqube',
    source: 'https://github.com/SonarSource/docker-sonarqube (USER sonarqube)',
  },
  {
    label: 'SQL Server 2019 and later (mcr.microsoft.com/mssql/server)',
    patterns: ['mcr.microsoft.com/mssql/server:2019*', 'mcr.microsoft.com/mssql/server:2022*', 'mcr.microsoft.com/mssql/server:2025*', 'mcr.microsoft.com/mssql/server:latest'],
    user: '10001 (mssql)',
    source:
      'The images\' start-up message "SQL Server 2019 (2025) will run as non-root by default. This container is running as user mssql." ' +
      'with https://go.microsoft.com/fwlink/?linkid=2099216 (quoted in github.com/microsoft/mssql-docker issues 848 and 943); 2017 images run as root',
  },
  {
    label: 'Vaultwarden (vaultwarden/server)',
    patterns: ['docker.io/vaultwarden/server:*'],
    healthcheck: true,
    source: 'https://github.com/dani-garcia/vaultwarden/blob/main/docker/Dockerfile.debian (HEALTHCHECK CMD ["/healthcheck.sh"])',
  },
  {
    label: 'Pi-hole (pihole/pihole)',
    patterns: ['docker.io/pihole/pihole:*'],
    healthcheck: true,
    source: 'https://github.com/pi-hole/docker-pi-hole/blob/master/src/Dockerfile (HEALTHCHECK CMD dig ... pi.hole)',
  },
];

/** `registry/repository:tag` with Docker Hub explicit, as the patterns are written. */
function fullName(image: ImageRef): string {
  return `${image.effectiveRegistry}/${image.repository}:${image.tag ?? 'latest'}`;
}

/** The entries for each image name seen, kept because most files name one of a few base images. */
const matched = new Map<string, ImageDefault[]>();
const MATCHED_KEPT = 1024;

function matching(image: ImageRef): ImageDefault[] {
  return kept(matched, fullName(image).toLowerCase(), MATCHED_KEPT, (name) =>
    IMAGE_DEFAULTS.filter((d) => matchesAny(name, d.patterns) && !matchesAny(name, d.except ?? [])),
  );
}

/** The entry saying the image runs as a non-root user, if any. */
export function runsAsNonRoot(image: ImageRef): ImageDefault | undefined {
  return matching(image).find((d) => d.user !== undefined);
}

/** The entry saying the image defines a HEALTHCHECK, if any. */
export function definesHealthcheck(image: ImageRef): ImageDefault | undefined {
  return matching(image).find((d) => d.healthcheck);
}
