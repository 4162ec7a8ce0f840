import { isMap, isSeq } from 'yaml';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../server/src/edit/apply-edits';
import { addMapPair, editInScalar, scalarSpan, writtenIn } from '../../server/src/edit/compose-item-edits';
import { dropAllCapabilities } from '../../server/src/fixes/capability-edits';
import { parseCompose } from '../../server/src/parse/compose';

function firstItem(text: string) {
  const model = parseCompose(text);
  const seq = model.services[0].get('x')!.value;
  if (!isSeq(seq)) throw new Error('no sequence');
  return { model, seq, node: model.resolve(seq.items[0])! };
}

describe('scalarSpan', () => {
  it('places plain and quoted scalars exactly', () => {
    for (const [item, text] of [['a:b', 'a:b'], ['"a:b"', 'a:b'], ["'a:b'", 'a:b']]) {
      const { model, node } = firstItem(`services:\n  s:\n    x:\n      - ${item}\n`);
      const span = scalarSpan(model, node)!;
      expect(span.text).toBe(text);
      expect(model.text.slice(span.start, span.end)).toBe(text);
    }
  });
  it('refuses escapes, doubled quotes and block scalars', () => {
    for (const item of ['"a\\tb"', "'it''s'", '|\n        a']) {
      const { model, node } = firstItem(`services:\n  s:\n    x:\n      - ${item}\n`);
      expect(scalarSpan(model, node), item).toBeNull();
    }
  });
});

describe('editInScalar', () => {
  it('edits inside the quotes', () => {
    const { model, node } = firstItem('services:\n  s:\n    x:\n      - "a:b"\n');
    const span = scalarSpan(model, node)!;
    expect(applyEdits(model.text, [editInScalar(model, span, 3, 3, ',ro')])).toBe('services:\n  s:\n    x:\n      - "a:b,ro"\n');
  });
  it('quotes a plain flow item that gains a comma, and leaves block items plain', () => {
    const flow = firstItem('services:\n  s:\n    x: [a:b, c]\n');
    expect(applyEdits(flow.model.text, [editInScalar(flow.model, scalarSpan(flow.model, flow.node)!, 3, 3, ',ro', true)])).toBe('services:\n  s:\n    x: ["a:b,ro", c]\n');
    const block = firstItem('services:\n  s:\n    x:\n      - a:b\n');
    expect(applyEdits(block.model.text, [editInScalar(block.model, scalarSpan(block.model, block.node)!, 3, 3, ',ro', false)])).toBe('services:\n  s:\n    x:\n      - a:b,ro\n');
  });
});

describe('addMapPair', () => {
  it('adds a line at the column of the last key, after a nested block map and its comment', () => {
    const { model, node } = firstItem('services:\n  s:\n    x:\n      - type: bind\n        bind:\n          propagation: rslave # why\n    image: y\n');
    if (!isMap(node)) throw new Error('map');
    expect(applyEdits(model.text, [addMapPair(model, node, 'read_only: true')!])).toBe(
      'services:\n  s:\n    x:\n      - type: bind\n        bind:\n          propagation: rslave # why\n        read_only: true\n    image: y\n',
    );
  });
  it('adds to flow maps, empty or not', () => {
    for (const [map, out] of [['{a: 1}', '{a: 1, k: v}'], ['{}', '{k: v}'], ['{ a: 1 }', '{ a: 1, k: v }']]) {
      const { model, node } = firstItem(`services:\n  s:\n    x:\n      - ${map}\n`);
      if (!isMap(node)) throw new Error('map');
      expect(applyEdits(model.text, [addMapPair(model, node, 'k: v')!])).toBe(`services:\n  s:\n    x:\n      - ${out}\n`);
    }
  });
});

describe('writtenIn', () => {
  it('tells a service\'s own nodes from anchored ones it aliases', () => {
    const model = parseCompose('x-p: &p\n  - a\nservices:\n  s:\n    x: *p\n    y:\n      - b\n');
    const s = model.services[0];
    expect(writtenIn(s, model.items(s.get('x')!.value)[0])).toBe(false);
    expect(writtenIn(s, model.items(s.get('y')!.value)[0])).toBe(true);
  });
  it('refuses anchored nodes and anchored services, which others may alias or merge', () => {
    const model = parseCompose('services:\n  s:\n    x: &x\n      - a\n  t: &t\n    y: [b]\n');
    const [s, t] = model.services;
    expect(writtenIn(s, s.get('x')!.value)).toBe(false);
    expect(writtenIn(s, model.items(s.get('x')!.value)[0])).toBe(true);
    expect(writtenIn(t, model.items(t.get('y')!.value)[0])).toBe(false);
    expect(writtenIn(t)).toBe(false);
  });
});

describe('dropAllCapabilities', () => {
  const fixed = (text: string) => {
    const model = parseCompose(text);
    const edit = dropAllCapabilities(model, model.services[0]);
    return edit ? applyEdits(text, [edit]) : null;
  };
  it('adds a block list, appends to block and flow lists, wraps a single string', () => {
    expect(fixed('services:\n  s:\n    image: x\n')).toBe('services:\n  s:\n    image: x\n    cap_drop:\n      - ALL\n');
    expect(fixed('services:\n  s:\n    cap_drop:\n      - NET_RAW\n')).toBe('services:\n  s:\n    cap_drop:\n      - NET_RAW\n      - ALL\n');
    expect(fixed('services:\n  s:\n    cap_drop: []\n')).toBe('services:\n  s:\n    cap_drop: [ALL]\n');
    expect(fixed('services:\n  s:\n    cap_drop: NET_RAW\n')).toBe('services:\n  s:\n    cap_drop: [NET_RAW, ALL]\n');
    expect(fixed('services:\n  s: {image: x}\n')).toBe('services:\n  s: {image: x, cap_drop: [ALL]}\n');
  });
  it('gives no edit for a service that is an alias of another or has an empty cap_drop', () => {
    expect(fixed('x-s: &s\n  image: x\nservices:\n  s: *s\n')).toBeNull();
    expect(fixed('services:\n  s:\n    cap_drop:\n')).toBeNull();
  });
});
