/**
 * End-of-life dates of the products common Docker base images are built from, bundled so the
 * check works offline. Taken on 2026-11-29 from the endoflife.date data set (the product files
 * of github.com/endoflife-date/endoflife.date and its API at https://endoflife.date/api/<id>.json),
 * cross-checked with the upstream schedules named per product where the stored copy was older.
 *
 * A date is `YYYY-MM-DD`, or `YYYY-MM` when upstream names only the month (the cycle counts as
 * ended once that month is over). `null` means "supported, no end announced". A cycle whose
 * end could not be confirmed is left out, so the rule says nothing about it.
 *
 * Refresh: replace the tables with the current endoflife.date values, update `EOL_DATA_TAKEN_ON`
 * and the notes, and run the knowledge tests.
 */

/** [release cycle, end-of-life date or null, codename] */
export type EolCycle = readonly [cycle: string, eol: string | null, codename?: string];

export interface EolProduct {
  id: string;
  /** Human name used in messages. */
  label: string;
  /** What the date means for this product. */
  meaning: string;
  sources: readonly string[];
  /** Cycles deliberately left out, and why. */
  omitted?: string;
  cycles: readonly EolCycle[];
}

export const EOL_DATA_TAKEN_ON = '2026-11-29';

const P = (p: EolProduct): EolProduct => p;

// Provenance notes (2026-11-29): the stored endoflife.date product files differ in age, so newer
// cycles were checked upstream: Node.js 22-26 against nodejs/Release (README, schedule.json and
// the v23 end-of-life issue); Python against the devguide's release-cycle.json (3.5 uses its
// 2020-09-30, endoflife.date has 2020-09-13); Go 1.15-1.24 and MariaDB/MySQL against the
// endoflife.date API (Go 1.10-1.14 follow the documented "two newer releases" policy from the
// stored release dates); Amazon Linux 2 against AWS's extension to 2026-06-30. Debian uses the
// LTS end and Ubuntu the end of standard support, as explained per product.

export const EOL_PRODUCTS: readonly EolProduct[] = [
  P({
    id: 'debian', label: 'Debian', meaning: 'end of Debian LTS (the official images are rebuilt until then)',
    sources: ['https://endoflife.date/debian', 'https://wiki.debian.org/LTS'],
    omitted: '13 (trixie) and later: LTS end not confirmed',
    cycles: [
      ['6', '2016-02-29', 'squeeze'], ['7', '2018-05-31', 'wheezy'], ['8', '2020-06-30', 'jessie'], ['9', '2022-07-01', 'stretch'],
      ['10', '2024-06-30', 'buster'], ['11', '2026-08-31', 'bullseye'], ['12', '2028-06-10', 'bookworm'],
    ],
  }),
  P({
    id: 'ubuntu', label: 'Ubuntu', meaning: 'end of standard security maintenance (ESM needs Ubuntu Pro and is not in the images)',
    sources: ['https://endoflife.date/ubuntu', 'https://wiki.ubuntu.com/Releases'],
    cycles: [
      ['12.04', '2017-04-28', 'precise'], ['14.04', '2019-04-02', 'trusty'], ['15.04', '2016-02-04', 'vivid'], ['15.10', '2016-07-28', 'wily'],
      ['16.04', '2021-04-02', 'xenial'], ['16.10', '2017-07-20', 'yakkety'], ['17.04', '2018-01-13', 'zesty'], ['17.10', '2018-07-19', 'artful'],
      ['18.04', '2023-05-31', 'bionic'], ['18.10', '2019-07-18', 'cosmic'], ['19.04', '2020-01-23', 'disco'], ['19.10', '2020-07-06', 'eoan'],
      ['20.04', '2025-05-31', 'focal'], ['20.10', '2021-07-22', 'groovy'], ['21.04', '2022-01-20', 'hirsute'], ['21.10', '2022-07-14', 'impish'],
      ['22.04', '2027-04-01', 'jammy'], ['22.10', '2023-07-20', 'kinetic'], ['23.04', '2024-01-20', 'lunar'], ['23.10', '2024-07-12', 'mantic'],
      ['24.04', '2029-05-31', 'noble'], ['24.10', '2025-07-10', 'oracular'], ['25.04', '2026-01-17', 'plucky'], ['25.10', '2026-07-01', 'questing'],
      ['26.04', '2031-04-30', 'resolute'],
    ],
  }),
  P({
    id: 'alpine', label: 'Alpine Linux', meaning: 'end of security support of the release branch',
    sources: ['https://endoflife.date/alpine-linux', 'https://alpinelinux.org/releases/'],
    cycles: [
      ['3.0', '2016-05-01'], ['3.1', '2016-11-01'], ['3.2', '2017-05-01'], ['3.3', '2017-11-01'], ['3.4', '2018-05-01'], ['3.5', '2018-11-01'],
      ['3.6', '2019-05-01'], ['3.7', '2019-11-01'], ['3.8', '2020-05-01'], ['3.9', '2020-11-01'], ['3.10', '2021-05-01'], ['3.11', '2021-11-01'],
      ['3.12', '2022-05-01'], ['3.13', '2022-11-01'], ['3.14', '2023-05-01'], ['3.15', '2023-11-01'], ['3.16', '2024-05-23'], ['3.17', '2024-11-22'],
      ['3.18', '2025-05-09'], ['3.19', '2025-11-01'], ['3.20', '2026-04-01'], ['3.21', '2026-11-01'], ['3.22', '2027-05-01'], ['3.23', '2027-11-01'],
    ],
  }),
  P({
    id: 'centos', label: 'CentOS Linux', meaning: 'end of updates', sources: ['https://endoflife.date/centos'],
    cycles: [['5', '2017-03-31'], ['6', '2020-11-30'], ['7', '2024-06-30'], ['8', '2021-12-31']],
  }),
  P({
    id: 'rocky-linux', label: 'Rocky Linux', meaning: 'end of security support', sources: ['https://endoflife.date/rocky-linux'],
    cycles: [['8', '2029-05-31'], ['9', '2032-05-31']],
  }),
  P({
    id: 'almalinux', label: 'AlmaLinux', meaning: 'end of security support', sources: ['https://endoflife.date/almalinux'],
    cycles: [['8', '2029-03-01'], ['9', '2032-05-31'], ['10', '2035-05-31']],
  }),
  P({
    id: 'rhel', label: 'Red Hat Enterprise Linux (UBI)', meaning: 'end of maintenance support (ELS is a paid add-on)',
    sources: ['https://endoflife.date/rhel', 'https://access.redhat.com/support/policy/updates/errata'],
    cycles: [['6', '2020-11-30'], ['7', '2024-06-30'], ['8', '2029-05-31'], ['9', '2032-05-31']],
  }),
  P({
    id: 'fedora', label: 'Fedora Linux', meaning: 'end of updates', sources: ['https://endoflife.date/fedora'],
    omitted: '44 and later: not in the data taken',
    cycles: [
      ['20', '2015-06-23'], ['21', '2015-12-01'], ['22', '2016-07-19'], ['23', '2016-12-20'], ['24', '2017-08-08'], ['25', '2017-12-12'],
      ['26', '2018-05-29'], ['27', '2018-11-30'], ['28', '2019-05-28'], ['29', '2019-11-26'], ['30', '2020-05-26'], ['31', '2020-11-24'],
      ['32', '2021-05-25'], ['33', '2021-11-30'], ['34', '2022-06-07'], ['35', '2022-12-13'], ['36', '2023-05-16'], ['37', '2023-12-05'],
      ['38', '2024-05-21'], ['39', '2024-11-26'], ['40', '2025-05-13'], ['41', '2025-12-15'], ['42', '2026-05-13'], ['43', '2026-12-09'],
    ],
  }),
  P({
    id: 'amazon-linux', label: 'Amazon Linux', meaning: 'end of security support',
    sources: ['https://endoflife.date/amazon-linux', 'https://aws.amazon.com/amazon-linux-2/faqs/'],
    cycles: [['1', '2023-12-31'], ['2018.03', '2023-12-31'], ['2', '2026-06-30'], ['2023', '2029-06-30']],
  }),
  P({
    id: 'nodejs', label: 'Node.js', meaning: 'end of life of the release line',
    sources: ['https://endoflife.date/nodejs', 'https://github.com/nodejs/Release/blob/main/schedule.json'],
    cycles: [
      ['4', '2018-04-30', 'argon'], ['5', '2016-06-30'], ['6', '2019-04-30', 'boron'], ['7', '2017-06-30'], ['8', '2019-12-31', 'carbon'],
      ['9', '2018-06-30'], ['10', '2021-04-30', 'dubnium'], ['11', '2019-06-30'], ['12', '2022-04-30', 'erbium'], ['13', '2020-06-01'],
      ['14', '2023-04-30', 'fermium'], ['15', '2021-06-01'], ['16', '2023-09-11', 'gallium'], ['17', '2022-06-01'], ['18', '2025-04-30', 'hydrogen'],
      ['19', '2023-06-01'], ['20', '2026-04-30', 'iron'], ['21', '2024-06-01'], ['22', '2027-04-30', 'jod'], ['23', '2025-06-01'],
      ['24', '2028-04-30', 'krypton'], ['25', '2026-06-01'], ['26', '2029-04-30'],
    ],
  }),
  P({
    id: 'python', label: 'Python', meaning: 'end of security fixes of the branch',
    sources: ['https://endoflife.date/python', 'https://devguide.python.org/versions/'],
    cycles: [
      ['2.6', '2013-10-29'], ['2.7', '2020-01-01'], ['3.3', '2017-09-29'], ['3.4', '2019-03-18'], ['3.5', '2020-09-30'], ['3.6', '2021-12-23'],
      ['3.7', '2023-06-27'], ['3.8', '2024-10-07'], ['3.9', '2025-10-31'], ['3.10', '2026-10'], ['3.11', '2027-10'], ['3.12', '2028-10'],
      ['3.13', '2029-10'], ['3.14', '2030-10'],
    ],
  }),
  P({
    id: 'go', label: 'Go', meaning: 'end of support (two newer releases are out)',
    sources: ['https://endoflife.date/go', 'https://go.dev/doc/devel/release#policy'],
    omitted: '1.25: its end depends on the 1.27 release date, not confirmed',
    cycles: [
      ['1.10', '2019-02-25'], ['1.11', '2019-09-03'], ['1.12', '2020-02-25'], ['1.13', '2020-08-11'], ['1.14', '2021-02-16'], ['1.15', '2021-08-16'],
      ['1.16', '2022-03-15'], ['1.17', '2022-08-02'], ['1.18', '2023-02-01'], ['1.19', '2023-09-06'], ['1.20', '2024-02-06'], ['1.21', '2024-08-13'],
      ['1.22', '2025-02-11'], ['1.23', '2025-08-12'], ['1.24', '2026-02-11'], ['1.26', null],
    ],
  }),
  P({
    id: 'eclipse-temurin', label: 'Eclipse Temurin (Java)', meaning: 'end of availability of the feature release',
    sources: ['https://endoflife.date/eclipse-temurin', 'https://adoptium.net/support/'],
    omitted: 'LTS releases (8, 11, 17, 21, 25) and 24: their end dates were extended or not confirmed',
    cycles: [['16', '2021-09-30'], ['18', '2022-09-30'], ['19', '2023-03-31'], ['20', '2023-09-19'], ['22', '2024-09-17'], ['23', '2025-03-18']],
  }),
  P({
    id: 'amazon-corretto', label: 'Amazon Corretto (Java)', meaning: 'end of support of the feature release',
    sources: ['https://endoflife.date/amazon-corretto', 'https://aws.amazon.com/corretto/faqs/'],
    omitted: 'LTS releases (8, 11, 17, 21) and releases after 20: their end dates were extended or not confirmed',
    cycles: [['15', '2021-03-16'], ['16', '2021-10-19'], ['18', '2022-10-18'], ['19', '2023-04-01'], ['20', '2023-09-21']],
  }),
  P({
    id: 'php', label: 'PHP', meaning: 'end of security support of the branch',
    sources: ['https://endoflife.date/php', 'https://www.php.net/supported-versions.php'],
    cycles: [
      ['5.3', '2014-08-14'], ['5.4', '2015-09-14'], ['5.5', '2016-07-21'], ['5.6', '2018-12-31'], ['7.0', '2019-01-10'], ['7.1', '2019-12-01'],
      ['7.2', '2020-11-30'], ['7.3', '2021-12-06'], ['7.4', '2022-11-28'], ['8.0', '2023-11-26'], ['8.1', '2025-12-31'], ['8.2', '2026-12-31'],
      ['8.3', '2027-12-31'], ['8.4', '2028-12-31'], ['8.5', '2029-12-31'],
    ],
  }),
  P({
    id: 'ruby', label: 'Ruby', meaning: 'end of security maintenance of the branch',
    sources: ['https://endoflife.date/ruby', 'https://www.ruby-lang.org/en/downloads/branches/'],
    cycles: [
      ['2.1', '2017-03-31'], ['2.2', '2018-03-31'], ['2.3', '2019-03-31'], ['2.4', '2020-03-31'], ['2.5', '2021-03-31'], ['2.6', '2022-03-31'],
      ['2.7', '2023-03-31'], ['3.0', '2024-04-23'], ['3.1', '2025-03-31'], ['3.2', '2026-03-31'], ['3.3', '2027-03-31'], ['3.4', '2028-03-31'],
      ['4.0', '2029-03-31'],
    ],
  }),
  P({
    id: 'nginx', label: 'nginx', meaning: 'end of the branch (no more fixes)', sources: ['https://endoflife.date/nginx'],
    omitted: 'mainline branches before 1.19: not in the data taken',
    cycles: [
      ['1.10', '2017-04-12'], ['1.12', '2018-04-17'], ['1.14', '2019-04-23'], ['1.16', '2020-04-20'], ['1.18', '2021-04-20'],
      ['1.19', '2021-05-25'], ['1.20', '2022-05-24'], ['1.21', '2022-06-21'],
      ['1.22', '2023-04-11'], ['1.23', '2023-05-23'], ['1.24', '2024-04-23'], ['1.25', '2024-05-29'], ['1.26', '2025-04-23'], ['1.27', '2025-06-24'],
      ['1.28', null], ['1.29', null],
    ],
  }),
  P({
    id: 'apache-http-server', label: 'Apache HTTP Server', meaning: 'end of the release series', sources: ['https://endoflife.date/apache-http-server'],
    cycles: [['1.3', '2010-02-03'], ['2.0', '2013-07-10'], ['2.2', '2017-07-11'], ['2.4', null]],
  }),
  P({
    id: 'postgresql', label: 'PostgreSQL', meaning: 'final release of the major version',
    sources: ['https://endoflife.date/postgresql', 'https://www.postgresql.org/support/versioning/'],
    cycles: [
      ['8.4', '2014-07-24'], ['9.0', '2015-10-08'], ['9.1', '2016-10-27'], ['9.2', '2017-11-09'], ['9.3', '2018-11-08'], ['9.4', '2020-02-13'],
      ['9.5', '2021-02-11'], ['9.6', '2021-11-11'], ['10', '2022-11-10'], ['11', '2023-11-09'], ['12', '2024-11-14'], ['13', '2025-11-13'],
      ['14', '2026-11-12'], ['15', '2027-11-11'], ['16', '2028-11-09'],
    ],
  }),
  P({
    id: 'redis', label: 'Redis', meaning: 'end of maintenance of the release',
    sources: ['https://endoflife.date/redis', 'https://github.com/redis/redis/security'],
    cycles: [['5.0', '2022-04-27'], ['6.0', '2022-05-31'], ['6.2', null], ['7.0', '2024-07-29'], ['7.2', null], ['7.4', null], ['8.0', '2026-02-11'], ['8.2', null], ['8.4', null], ['8.6', null]],
  }),
  P({
    id: 'mysql', label: 'MySQL', meaning: 'end of extended support (LTS) or the next release (innovation releases)',
    sources: ['https://endoflife.date/mysql'],
    cycles: [
      ['5.5', '2018-12-31'], ['5.6', '2021-02-28'], ['5.7', '2023-10-31'], ['8.0', '2026-04-30'], ['8.1', '2023-10-25'], ['8.2', '2023-12-14'],
      ['8.3', '2024-04-10'], ['8.4', '2032-04-30'], ['9.0', '2024-10-15'], ['9.1', '2025-01-21'], ['9.2', '2025-04-15'], ['9.3', '2025-07-22'],
      ['9.4', '2025-10-21'], ['9.5', '2026-01-20'], ['9.6', '2026-04-21'], ['9.7', null],
    ],
  }),
  P({
    id: 'mariadb', label: 'MariaDB', meaning: 'end of community support', sources: ['https://endoflife.date/mariadb', 'https://mariadb.org/about/#maintenance-policy'],
    cycles: [
      ['5.5', '2020-04-11'], ['10.0', '2019-03-31'], ['10.1', '2020-10-17'], ['10.2', '2022-05-23'], ['10.3', '2023-05-25'], ['10.4', '2024-06-18'],
      ['10.5', '2025-06-24'], ['10.6', '2026-07-06'], ['10.7', '2023-02-09'], ['10.8', '2023-05-20'], ['10.9', '2023-08-22'], ['10.10', '2023-11-17'],
      ['10.11', '2028-02-16'], ['11.0', '2024-06-06'], ['11.1', '2024-08-21'], ['11.2', '2024-11-21'], ['11.3', '2024-05-29'], ['11.4', '2029-05-29'],
      ['11.5', '2024-11-21'], ['11.6', '2025-02-13'], ['11.7', '2025-05-12'], ['11.8', '2028-06-04'], ['12.0', '2025-11-18'], ['12.1', '2026-02-13'],
    ],
  }),
  P({
    id: 'mongodb', label: 'MongoDB', meaning: 'end of life of the release', sources: ['https://endoflife.date/mongodb', 'https://www.mongodb.com/legal/support-policy/lifecycles'],
    cycles: [
      ['3.0', '2018-02-28'], ['3.2', '2018-09-30'], ['3.4', '2020-01-31'], ['3.6', '2021-04-30'], ['4.0', '2022-04-30'], ['4.2', '2023-04-30'],
      ['4.4', '2024-02-29'], ['5.0', '2024-10-31'], ['6.0', '2025-07-31'], ['7.0', '2027-08-31'], ['8.0', '2029-10-31'],
    ],
  }),
  P({
    id: 'docker-engine', label: 'Docker Engine', meaning: 'end of maintenance of the release',
    sources: ['https://endoflife.date/docker-engine', 'https://github.com/moby/moby/blob/master/project/BRANCHES-AND-TAGS.md'],
    omitted: '25.0, 28 and 29: no end announced',
    cycles: [
      ['17.03', '2017-05-05'], ['17.06', '2017-09-29'], ['17.09', '2017-11-17'], ['17.12', '2018-02-10'], ['18.03', '2018-05-10'], ['18.06', '2018-12-08'],
      ['18.09', '2019-08-22'], ['19.03', '2021-01-08'], ['20.10', '2023-12-10'], ['23.0', '2025-05-19'], ['24.0', '2024-06-08'], ['26.0', '2024-06-08'],
      ['26.1', '2025-02-17'], ['27', '2025-05-03'],
    ],
  }),
];

export function eolProduct(id: string): EolProduct | undefined {
  return EOL_PRODUCTS.find((p) => p.id === id);
}
