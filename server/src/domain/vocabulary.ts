/**
 * Closed vocabularies shared by the database constraints, the API schemas and the search facets.
 * Values are stable English codes; labels in IT/FR/EN live with the UI and the search glossary.
 */
export const ROLES = ['admin', 'operator', 'marketing', 'company'] as const;
export type Role = (typeof ROLES)[number];

export const SUPPLY_CHAINS = [
  'nautical_shipbuilding',
  'sustainable_tourism',
  'blue_green_biotech',
  'renewable_energy',
  'ports_logistics',
  'fishing_aquaculture',
  'agri_food',
  'mechanics_metalworking',
  'other',
] as const;

export const EMPLOYMENT_STATUSES = ['unemployed', 'at_risk', 'furloughed'] as const;
export const DESIRED_PATHS = [
  'employment',
  'start_up',
  'workers_buy_out',
  'spin_off',
  'community_coop',
] as const;
export const SKILL_SOURCES = ['declared', 'certified', 'inferred'] as const;
export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;

export const ASSET_KINDS = ['machine', 'equipment', 'plant', 'area', 'building'] as const;
export const ASSET_CATEGORIES = [
  'machine_tools',
  'welding',
  'lifting_cranes',
  'marine_equipment',
  'cold_storage',
  'food_processing',
  'workshop',
  'warehouse',
  'office',
  'shipyard',
  'energy',
  'vehicles',
  'other',
] as const;
export const ASSET_AVAILABILITIES = ['sale', 'lease', 'free_loan', 'auction'] as const;
/** `expired`: an auction whose date passed, set by the expiry job (modules/assets/auction-expiry.ts). */
export const ASSET_STATUSES = ['draft', 'available', 'reserved', 'assigned', 'withdrawn', 'expired'] as const;
export const ASSET_CONDITIONS = ['new', 'good', 'fair', 'needs_repair', 'for_parts'] as const;

export const FIRM_STATES = ['active', 'in_crisis', 'closed'] as const;
export const FIRM_SIZE_BANDS = ['micro', 'small', 'medium', 'large'] as const;

export const CRISIS_PROCEDURES = [
  'liquidazione_giudiziale',
  'concordato_preventivo',
  'amministrazione_straordinaria',
  'cassa_integrazione_straordinaria',
  'licenziamento_collettivo',
  'redressement_judiciaire',
  'liquidation_judiciaire',
  'pse',
  'other',
] as const;
export const CRISIS_STATUSES = ['open', 'closed'] as const;

export const NEED_TYPES = ['job', 'asset'] as const;
export const NEED_STATUSES = ['draft', 'open', 'filled', 'closed'] as const;
export const CONTRACT_TYPES = ['permanent', 'fixed_term', 'seasonal', 'apprenticeship', 'other'] as const;
export const ACQUISITION_MODES = ['buy', 'lease', 'either'] as const;

export const OPPORTUNITY_KINDS = ['wbo', 'mbo', 'spin_off', 'start_up', 'community_coop'] as const;
export const OPPORTUNITY_STATUSES = ['draft', 'open', 'in_progress', 'closed'] as const;

export const MATCH_ACTIONS = ['shortlist', 'approve', 'reject', 'rerank', 'revoke'] as const;
export const MATCH_OUTCOMES = ['contacted', 'interviewed', 'hired', 'not_hired', 'withdrawn'] as const;
