import { describe, expect, it } from 'vitest';
import { Interner } from '../../src/lib/interner.js';

describe('Interner', () => {
  it('hands back one frozen instance per distinct value, and keeps values apart', () => {
    const v = new Interner();
    // Strings built at run time, as a database driver builds them: equal, but separate copies.
    const uri = (n: number) => ['http://data.europa.eu/esco/skill/', String(n)].join('');
    expect(v.string(uri(1))).toBe(v.string(uri(1)));
    expect(v.string(null)).toBeNull();

    const a = v.record([uri(1), 'declared'], () => ({ uri: uri(1), source: 'declared' }));
    expect(v.record([uri(1), 'declared'], () => ({ uri: uri(1), source: 'declared' }))).toBe(a);
    expect(v.record([uri(1), 'certified'], () => ({ uri: uri(1), source: 'certified' }))).not.toBe(a);
    expect(Object.isFrozen(a)).toBe(true);

    const list = v.list(['nautical', 'ports']);
    expect(v.list(['nautical', 'ports'])).toBe(list);
    expect(v.list(['nautical,ports'])).not.toBe(list);
    expect(v.list(['nautical', 'ports', ''])).not.toBe(list);
    expect(Object.isFrozen(list)).toBe(true);
    expect(v.list([''])).not.toBe(v.list([]));
  });

  it('stops remembering past its limit and still returns the value', () => {
    const v = new Interner(2);
    v.string('a');
    v.string('b');
    expect(v.string('c')).toBe('c');
    expect(v.size).toBe(2);
    expect(v.list(['x'])).toEqual(['x']);
    expect(v.size).toBe(2);
  });
});
