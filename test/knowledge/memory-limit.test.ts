import { describe, expect, it } from 'vitest';
import { parseCompose } from '../../server/src/parse/compose';
import { memoryLimit } from '../../server/src/knowledge/memory-limit';

function limitOf(text: string, name = 'a') {
  const model = parseCompose(text);
  return memoryLimit(model, model.services.find((s) => s.name === name)!);
}

describe('memoryLimit', () => {
  it.each([
    ['services:\n  a:\n    mem_limit: 512m\n', 'limited'],
    ['services:\n  a:\n    deploy: {resources: {limits: {memory: 1G}}}\n', 'limited'],
    ['services:\n  a:\n    image: x\n', 'unlimited'],
    ['services:\n  a:\n    mem_limit: -1\n', 'unlimited'],
    ['services:\n  a:\n    mem_limit: "0b"\n', 'unlimited'],
    ['services:\n  a:\n    mem_limit: ${MEM}\n', 'unknown'],
    ['services:\n  b:\n    mem_limit: 1g\n  a:\n    extends: b\n', 'limited'],
    ['services:\n  a:\n    extends: {file: base.yaml, service: b}\n', 'unknown'],
    ['x-l: &l\n  mem_limit: 1g\nservices:\n  a:\n    <<: *l\n', 'limited'],
  ])('%j → %s', (text, expected) => {
    expect(limitOf(text)).toBe(expected);
  });
});
