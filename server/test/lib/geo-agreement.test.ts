import { boundingBox, haversineRaw } from '@rilancio/matcher';
import { expect, it } from 'vitest';
import { haversineKm } from '../../src/search/text.js';

// Search (both engines filter with search/text.ts) and matching (the SQL box, then the matcher) must
// agree on who is inside a radius.

it('search measures with the matcher’s distance function, not a copy', () => {
  expect(haversineKm).toBe(haversineRaw);
});

it('a person exactly on the radius is inside for search, for the SQL box and for the matcher', () => {
  const need = { lat: 44.10245, lon: 9.824 };
  const person = { lat: 44.40726, lon: 8.93386 };
  const radiusKm = haversineRaw(need.lat, need.lon, person.lat, person.lon);
  // Search's radius filter: distance ≤ km.
  expect(haversineKm(need.lat, need.lon, person.lat, person.lon) <= radiusKm).toBe(true);
  // Matching's candidate box.
  const box = boundingBox(need.lat, need.lon, radiusKm);
  expect(person.lat >= box.minLat && person.lat <= box.maxLat).toBe(true);
  expect(person.lon >= box.minLon && person.lon <= box.maxLon).toBe(true);
});
