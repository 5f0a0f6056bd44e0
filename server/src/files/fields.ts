import type { EntityName, FieldDef } from './field-def.js';
import { ASSETS_FIELDS } from './fields/assets.js';
import { FIRMS_FIELDS } from './fields/firms.js';
import { NEEDS_FIELDS } from './fields/needs.js';
import { OPPORTUNITIES_FIELDS } from './fields/opportunities.js';
import { PROFILES_FIELDS } from './fields/profiles.js';

/**
 * The import/export column dictionary, one module per entity (fields/), in line with shared/DOMAIN.md.
 * Header matching, row conversion, localized export headers and import templates are all driven from
 * here, so a field added once is importable, exportable and templated in IT/FR/EN.
 */
export const ENTITY_FIELDS: Readonly<Record<EntityName, readonly FieldDef[]>> = {
  profiles: PROFILES_FIELDS,
  assets: ASSETS_FIELDS,
  firms: FIRMS_FIELDS,
  needs: NEEDS_FIELDS,
  opportunities: OPPORTUNITIES_FIELDS,
};

/**
 * The fields an upsert keys on (D8), within the desk/tenant the lead adds: re-importing a file
 * updates the same rows instead of duplicating them.
 */
export const NATURAL_KEYS: Readonly<Record<EntityName, readonly string[]>> = {
  profiles: ['externalRef'],
  assets: ['inventoryNumber'],
  firms: ['vat'],
  needs: ['externalRef'],
  opportunities: ['externalRef'],
};

export function fieldsOf(entity: EntityName): readonly FieldDef[] {
  return ENTITY_FIELDS[entity];
}
