/**
 * Which asset kinds each kind-specific specification applies to: a CNC lathe has no covered area, a
 * shed no brand. One rule for the server (which refuses a field that does not apply) and the asset form
 * (which does not show or send it).
 */
export const KIND_SPECIFIC_FIELDS = {
  brand: ['machine', 'equipment', 'plant'],
  model: ['machine', 'equipment', 'plant'],
  powerKw: ['machine', 'equipment', 'plant'],
  coveredAreaM2: ['building', 'area', 'plant'],
  landAreaM2: ['building', 'area', 'plant'],
  heightM: ['building', 'plant'],
  loadingBays: ['building', 'plant'],
  powerKva: ['building', 'area', 'plant'],
  craneTonnage: ['building', 'area', 'plant', 'equipment', 'machine'],
  quayAccess: ['building', 'area', 'plant'],
  draftM: ['building', 'area', 'plant'],
  slipway: ['building', 'area', 'plant'],
  maritimeConcession: ['building', 'area', 'plant'],
} as const satisfies Record<string, readonly ('machine' | 'equipment' | 'plant' | 'area' | 'building')[]>;
