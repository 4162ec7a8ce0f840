import { describe, expect, it } from 'vitest';
import { parseCompose } from '../../server/src/parse/compose';
import { extendsChain } from '../../server/src/knowledge/service-extends';

function chainOf(text: string, name: string) {
  const model = parseCompose(text);
  const { chain, external } = extendsChain(model, model.services.find((s) => s.name === name)!);
  return { chain: chain.map((s) => s.name), external };
}

describe('extendsChain', () => {
  it('follows short and long forms through the same file', () => {
    const text = 'services:\n  a:\n    image: x\n  b:\n    extends: a\n  c:\n    extends:\n      service: b\n';
    expect(chainOf(text, 'c')).toEqual({ chain: ['c', 'b', 'a'], external: false });
    expect(chainOf(text, 'a')).toEqual({ chain: ['a'], external: false });
  });

  it('marks a chain that leaves the file or names a missing service as external', () => {
    expect(chainOf('services:\n  a:\n    extends: {file: base.yml, service: a}\n', 'a')).toEqual({ chain: ['a'], external: true });
    expect(chainOf('services:\n  a:\n    extends: nowhere\n', 'a')).toEqual({ chain: ['a'], external: true });
  });

  it('stops on a cycle', () => {
    expect(chainOf('services:\n  a:\n    extends: b\n  b:\n    extends: a\n', 'a')).toEqual({ chain: ['a', 'b'], external: false });
  });

  it('sees extends brought in by a merge key', () => {
    expect(chainOf('x-e: &e\n  extends: base\nservices:\n  base:\n    image: x\n  a:\n    <<: *e\n', 'a')).toEqual({ chain: ['a', 'base'], external: false });
  });
});
