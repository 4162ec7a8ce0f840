// The licences of the packages esbuild bundles into dist/: the VSIX and the npm package carry
// their code, so they carry their copyright and permission notices too (MIT, ISC and BlueOak all
// ask for that). scripts/build.mjs calls thirdPartyNotices() with the metafiles of its builds and
// writes dist/THIRD-PARTY-NOTICES.md, which both packages ship.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `node_modules/<name>` (or `node_modules/@scope/<name>`) of each bundled input, nested ones included. */
export function bundledPackages(metafiles) {
  const dirs = new Set();
  for (const meta of metafiles) {
    for (const input of Object.keys(meta.inputs)) {
      const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input.replace(/\\/g, '/'));
      if (m) dirs.add(m[1]);
    }
  }
  return [...dirs].sort();
}

const LICENCE_FILE = /^(licen[cs]e|copying)(\.(md|txt))?$/i;

/** The notices file for the bundled packages, read from the repository's node_modules. */
export function thirdPartyNotices(root, metafiles) {
  const sections = bundledPackages(metafiles).map((dir) => {
    const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
    const file = existsSync(join(root, dir)) ? readdirSync(join(root, dir)).find((f) => LICENCE_FILE.test(f)) : undefined;
    if (!file) throw new Error(`${pkg.name}@${pkg.version} is bundled into dist/ but has no licence file in ${dir}`);
    const text = readFileSync(join(root, dir, file), 'utf8').replace(/\r\n?/g, '\n').trim();
    return `## ${pkg.name} ${pkg.version}\n\nLicence: ${pkg.license ?? 'see below'}\n\n\`\`\`text\n${text}\n\`\`\`\n`;
  });
  return `# Third-party notices\n\nBulkhead's bundles (dist/) include code from these packages, under the licences below.\n\n${sections.join('\n')}`;
}
