import { describe, expect, it } from 'vitest';
import { ClientFiles, MAX_ROUNDS, MAX_RUNS, type ClientFileAccess } from '../../server/src/lsp/client-files';

/** A client that serves `files` and runs `during` while each read request is in flight. */
function clientWith(files: Record<string, string>, during: (request: number) => void = () => undefined) {
  let requests = 0;
  const access: ClientFileAccess = {
    read: async (uris) => {
      during(++requests);
      return { texts: uris.map((u) => files[u.slice('mem:'.length)] ?? null) };
    },
    list: async () => ({ uris: [], truncated: false }),
  };
  const client = new ClientFiles(access, (p) => `mem:${p}`, (u) => u.slice('mem:'.length), () => undefined);
  return { client, requests: () => requests };
}

/** A chain of files, each naming the next: reading to its end takes one round per link. */
function chain(client: ClientFiles): string[] {
  const seen: string[] = [];
  let path: string | undefined = '/a';
  while (path) {
    const text: string | undefined = client.read(path)?.text;
    if (text === undefined) break;
    seen.push(path);
    path = text.trim() || undefined;
  }
  return seen;
}

describe('ClientFiles.settle', () => {
  const files = { '/a': '/b', '/b': '/c', '/c': '' };

  it('repeats the computation until it reads only fetched files', async () => {
    const { client, requests } = clientWith(files);
    expect(await client.settle(() => chain(client))).toEqual(['/a', '/b', '/c']);
    expect(requests()).toBe(3);
  });

  it('a cache emptied while a fetch was in flight does not use up a round: the files are fetched again', async () => {
    // The workspace changes (forget) during the first two requests: the second drops what the first
    // fetched, so without the guard the fourth run would be the last, with "/a" read as absent.
    const holder: { client?: ClientFiles } = {};
    const { client, requests } = clientWith(files, (n) => {
      if (n <= 2) holder.client!.forget();
    });
    holder.client = client;
    expect(await client.settle(() => chain(client))).toEqual(['/a', '/b', '/c']);
    expect(requests()).toBe(4);
  });

  it(`stops after ${MAX_ROUNDS} rounds that kept their files, with what it read by then`, async () => {
    const long = { '/a': '/b', '/b': '/c', '/c': '/d', '/d': '/e', '/e': '/f', '/f': '' };
    const { client, requests } = clientWith(long);
    expect(await client.settle(() => chain(client))).toEqual(['/a', '/b', '/c']);
    expect(requests()).toBe(MAX_ROUNDS - 1);
  });

  it('a workspace that changes during every fetch still ends the settle', async () => {
    const holder: { client?: ClientFiles } = {};
    const { client, requests } = clientWith(files, () => holder.client!.forget());
    holder.client = client;
    // Each request drops the previous one's file: the runs alternate between reading nothing and "/a".
    expect(await client.settle(() => chain(client))).toEqual(['/a']);
    expect(requests()).toBe(MAX_RUNS - 1);
  });
});
