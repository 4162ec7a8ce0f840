import { afterEach, describe, expect, it } from 'vitest';
import { HoverRequest, type Hover, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { TestClient } from '../helpers/lsp-client';

let client: TestClient;
afterEach(async () => {
  await client?.dispose();
});

async function hoverAt(uri: string, line: number, character: number): Promise<Hover | null> {
  return client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
}
const text = (h: Hover | null) => (h?.contents as MarkupContent | undefined)?.value ?? null;

describe('hover', () => {
  it('on a finding: one short block with the message, one line of why and the docs link', async () => {
    client = TestClient.inProcess();
    await client.initialize();
    const p = await client.open('file:///p/compose.yaml', 'dockercompose', 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n');
    const message = p.diagnostics.find((d) => d.code === 'no-privileged')!.message;
    const h = await hoverAt('file:///p/compose.yaml', 3, 8);
    expect(text(h)).toBe(
      `**Bulkhead \`no-privileged\`**: ${message}\n\n` +
        'A privileged container gets every Linux capability, every host device and no seccomp or AppArmor confinement. ' +
        '[Rule documentation](https://github.com/bulkhead-security/bulkhead/blob/main/docs/rules/no-privileged.md)',
    );
    expect(h!.range).toEqual({ start: { line: 3, character: 4 }, end: { line: 3, character: 20 } });
  });

  it('on a service key with several findings: one short block each, not whole rule pages', async () => {
    client = TestClient.inProcess();
    await client.initialize();
    await client.open('file:///p/compose.yaml', 'dockercompose', 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n');
    const v = text(await hoverAt('file:///p/compose.yaml', 1, 3))!;
    const blocks = v.split('\n\n---\n\n');
    // The hardening gaps are folded into one harden-service finding (default profile) that names them.
    expect(blocks.map((b) => /^\*\*Bulkhead `([a-z-]+)`\*\*/.exec(b)?.[1])).toEqual(['harden-service', 'require-resource-limits']);
    expect(blocks[0]).toContain('Service "web" lacks 4 hardening settings: cap_drop: [ALL], read_only: true, a healthcheck, no-new-privileges:true');
    for (const b of blocks) expect(b.split('\n').filter((l) => l !== '')).toHaveLength(2);
    expect(v).not.toContain('How to fix it');
    // Short: a few sentences per finding (the full pages ran to about 900 words for these five).
    expect(v.split(/\s+/).length).toBeLessThan(300);
  });

  it('on a Dockerfile instruction and on a Compose key: a short security note', async () => {
    client = TestClient.inProcess();
    await client.initialize();
    await client.open('file:///p/Dockerfile', 'dockerfile', 'FROM alpine:3.22\nUSER 10001\nRUN --mount=type=secret,id=npm npm ci\n');
    const user = text(await hoverAt('file:///p/Dockerfile', 1, 2))!;
    expect(user).toMatch(/^\*\*USER\*\*: Sets the user/);
    expect(user).toContain('Practice 4. Run as a non-root user (rootless)');
    const mount = text(await hoverAt('file:///p/Dockerfile', 2, 6))!;
    expect(mount).toMatch(/^\*\*RUN --mount\*\*: /);
    await client.open('file:///p/compose.yaml', 'dockercompose', 'services:\n  web:\n    cap_drop: [ALL]\n    read_only: true\n');
    expect(text(await hoverAt('file:///p/compose.yaml', 2, 6))).toMatch(/^\*\*cap_drop\*\*: Removes Linux capabilities/);
    expect(text(await hoverAt('file:///p/compose.yaml', 3, 4))).toMatch(/^\*\*read_only\*\*: /);
  });

  it('on a rule id in a bulkhead-ignore comment: that rule\'s title', async () => {
    client = TestClient.inProcess();
    await client.initialize();
    await client.open('file:///p/Dockerfile', 'dockerfile', 'FROM alpine:3.22\n# bulkhead-ignore non-root-user,bogus-rule\nUSER root\n');
    expect(text(await hoverAt('file:///p/Dockerfile', 1, 22))).toMatch(/^\*\*`non-root-user`\*\*: Run as a non-root user\n/);
    // An unknown id is itself a finding (ignore-comment), so its hover explains the finding.
    expect(text(await hoverAt('file:///p/Dockerfile', 1, 35))).toContain('Unknown rule "bogus-rule" in a bulkhead-ignore comment');
  });

  it('returns null where there is nothing to say', async () => {
    client = TestClient.inProcess();
    await client.initialize();
    await client.open('file:///p/Dockerfile', 'dockerfile', 'FROM alpine:3.22\nUSER 10001\n\n# a note\n');
    expect(await hoverAt('file:///p/Dockerfile', 1, 7)).toBeNull();
    expect(await hoverAt('file:///p/Dockerfile', 3, 3)).toBeNull();
    await client.open('file:///p/compose.yaml', 'dockercompose', 'services:\n  web:\n    container_name: web\n');
    expect(await hoverAt('file:///p/compose.yaml', 2, 6)).toBeNull();
  });
});
