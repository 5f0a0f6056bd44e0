import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundingBox, canonicalJson, EARTH_RADIUS_KM, haversineRaw, sha256Hex, TopK } from '../src/index.js';
import { BoundHeap } from '../src/top-k.js';

// Known answers: each helper exists once in the product, so each is pinned here against outside values.

describe('sha256Hex', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    // FIPS 180-2 two-block message (56 bytes: the padding spills into a second block).
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
    [
      'The quick brown fox jumps over the lazy dog',
      'd7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592',
    ],
    // UTF-8 multibyte input.
    ['è', '97c916cd94785d7b9b52ae7013c267854f275691ddaae212bc1c07f639b8a0c7'],
  ])('hashes %j to the FIPS 180 value', (text, hex) => {
    expect(sha256Hex(text)).toBe(hex);
  });

  it('hashes a million "a" (many blocks) to the FIPS 180 value', () => {
    expect(sha256Hex('a'.repeat(1_000_000))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });
});

describe('canonicalJson (RFC 8785)', () => {
  it('orders members by UTF-16 code units (the RFC 8785 §3.2.3 example)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    const keys = [...canonicalJson(input).matchAll(/"([^"]*)":/g)].map(
      (m) => JSON.parse(`"${m[1]}"`) as string,
    );
    expect(keys).toEqual(['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']);
  });

  it('serialises numbers as ECMAScript does (RFC 8785 §3.2.2.3)', () => {
    expect(canonicalJson([0, -0, 1e21, 1e-7, 0.000001, 333333333.3333333, 5e-324, 1.5])).toBe(
      '[0,0,1e+21,1e-7,0.000001,333333333.3333333,5e-324,1.5]',
    );
  });

  it('writes nested objects with no white space and leaves undefined members out', () => {
    expect(canonicalJson({ b: [1, { d: 'x', c: undefined }], a: null, é: true })).toBe(
      '{"a":null,"b":[1,{"d":"x"}],"é":true}',
    );
    expect(sha256Hex(canonicalJson({ b: 2, a: 1 }))).toBe(sha256Hex('{"a":1,"b":2}'));
  });

  it('refuses numbers JSON cannot carry', () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(RangeError);
  });
});

describe('distance and radius box', () => {
  it('measures on a 6371 km sphere: one degree of a meridian is 111.195 km', () => {
    expect(EARTH_RADIUS_KM).toBe(6371);
    expect(haversineRaw(44, 9, 45, 9)).toBeCloseTo(111.195, 3);
    // La Spezia to Genova, centroids.
    expect(haversineRaw(44.10245, 9.824, 44.40726, 8.93386)).toBeCloseTo(78.578, 3);
  });

  it('boxes hold every point of the circle, the boundary included', () => {
    for (const [lat, lon, km] of [
      [44.1, 9.8, 30],
      [60, 10, 100],
      [-33.9, 18.4, 5],
    ] as const) {
      const box = boundingBox(lat, lon, km);
      for (let deg = 0; deg < 360; deg += 7.5) {
        // The point exactly `km` away on bearing `deg`.
        const d = km / EARTH_RADIUS_KM;
        const b = (deg * Math.PI) / 180;
        const la1 = (lat * Math.PI) / 180;
        const la2 = Math.asin(Math.sin(la1) * Math.cos(d) + Math.cos(la1) * Math.sin(d) * Math.cos(b));
        const lo2 =
          (lon * Math.PI) / 180 +
          Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(la1), Math.cos(d) - Math.sin(la1) * Math.sin(la2));
        const [pLat, pLon] = [(la2 * 180) / Math.PI, (lo2 * 180) / Math.PI];
        expect(haversineRaw(lat, lon, pLat, pLon)).toBeCloseTo(km, 6);
        expect(pLat).toBeGreaterThanOrEqual(box.minLat);
        expect(pLat).toBeLessThanOrEqual(box.maxLat);
        expect(pLon).toBeGreaterThanOrEqual(box.minLon);
        expect(pLon).toBeLessThanOrEqual(box.maxLon);
      }
    }
  });
});

describe('TopK', () => {
  it('keeps the k best under a strict order, best first, whatever the arrival order', () => {
    const items = [5, 1, 9, 3, 7, 9, 2, 8];
    const top = new TopK<number>(3, (a, b) => a > b);
    for (const i of items) top.offer(i);
    expect(top.sorted()).toEqual([9, 9, 8]);
    const none = new TopK<number>(0, (a, b) => a > b);
    none.offer(1);
    expect(none.sorted()).toEqual([]);
  });
});

describe('BoundHeap', () => {
  it('pops the largest bound first (smaller slot on ties), also for slots put back with a lower bound', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 60 }),
        fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 60 }),
        (initial, cuts) => {
          const bounds = Float64Array.from(initial);
          const heap = new BoundHeap(Int32Array.from(initial.keys()), bounds, initial.length);
          // The model: every slot with its current bound; the heap must agree with it at every pop.
          const model = new Map(initial.map((b, slot) => [slot, b]));
          let round = 0;
          while (heap.size > 0) {
            const expected = [...model].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]!;
            expect(heap.peekBound()).toBe(expected[1]);
            const slot = heap.pop();
            expect(slot).toBe(expected[0]);
            model.delete(slot);
            const cut = cuts[round++];
            // As the search does with a travel time: put the slot back with a tighter (lower) bound.
            if (cut !== undefined && cut > 0 && expected[1] - cut >= 0) {
              heap.push(slot, expected[1] - cut);
              model.set(slot, expected[1] - cut);
            }
          }
          expect(heap.peekBound()).toBe(-Infinity);
        },
      ),
    );
  });

  it('refuses to grow beyond the slots it was built with', () => {
    const heap = new BoundHeap(Int32Array.of(0), Float64Array.of(1), 1);
    expect(() => heap.push(1, 0)).toThrow('capacity');
  });
});
