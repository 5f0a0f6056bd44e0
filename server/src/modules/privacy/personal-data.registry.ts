/**
 * The record of processing (GDPR Art. 30, requirement B1): every purpose with its legal basis, and every
 * column of the person tables with the purposes allowed to read it. A test fails when a column is added
 * to a person table without an entry here.
 */
export const PURPOSES = {
  placement: {
    basis:
      'GDPR Art. 6(1)(e) — public task of the employment services (IT: D.Lgs. 150/2015; FR: Code du travail L5311-1)',
    description: 'Registering displaced workers and matching them with job needs and opportunities.',
  },
  buy_out_matching: {
    basis: 'GDPR Art. 6(1)(e) — public task (active labour-market policies for industrial crises)',
    description: 'Assembling teams for workers buy-outs, spin-offs, start-ups and community cooperatives.',
  },
  company_sharing: {
    basis: 'GDPR Art. 6(1)(a) — consent (share_with_companies, contact_by_companies)',
    description:
      'Showing a pseudonymised profile, and on consent the contacts, to a company an operator approved.',
  },
  statistics: {
    basis: 'GDPR Art. 6(1)(e) and Art. 89 — aggregate statistics, no individual output',
    description: 'Supply and demand dashboards and territorial offer packs (counts only).',
  },
  accountability: {
    basis: 'GDPR Art. 5(2), AI Act Art. 12 and 26(6) — logs of match runs and decisions',
    description: 'Proving how each ranking was made and what people decided.',
  },
} as const;
export type Purpose = keyof typeof PURPOSES;

type ColumnTags = Record<string, readonly Purpose[]>;

const work: readonly Purpose[] = ['placement', 'buy_out_matching', 'statistics'];
const identity: readonly Purpose[] = ['placement', 'company_sharing'];

export const PERSONAL_DATA: Record<string, ColumnTags> = {
  profiles: {
    id: ['placement', 'buy_out_matching', 'accountability'],
    code: ['placement', 'buy_out_matching', 'company_sharing', 'accountability'],
    desk_id: work,
    external_ref: ['placement'],
    first_name: identity,
    last_name: identity,
    email: identity,
    phone: identity,
    // Duplicate detection's keys, derived from the name and the phone: the desk's registration only.
    name_key: ['placement'],
    phone_key: ['placement'],
    municipality_country: work,
    municipality_code: work,
    lat: work,
    lon: work,
    eqf_level: work,
    mobility_km: work,
    max_travel_minutes: work,
    weekly_ferry_commute: work,
    available_from: work,
    employment_status: work,
    desired_paths: work,
    supply_chains: work,
    nace_divisions: work,
    driving_licences: work,
    crisis_case_id: work,
    merged_into: ['placement', 'accountability'],
    created_at: ['accountability'],
    updated_at: ['accountability'],
    ended_at: ['accountability'],
    version: ['accountability'],
  },
  profile_occupations: { profile_id: work, occupation_uri: work, years: work },
  profile_skills: { profile_id: work, skill_uri: work, source: work },
  profile_languages: { profile_id: work, language: work, level: work },
  consents: {
    id: ['company_sharing', 'accountability'],
    profile_id: ['company_sharing', 'accountability'],
    purpose: ['company_sharing', 'accountability'],
    text_version: ['accountability'],
    language: ['accountability'],
    channel: ['accountability'],
    collected_by: ['accountability'],
    given_at: ['company_sharing', 'accountability'],
    withdrawn_at: ['company_sharing', 'accountability'],
  },
  // A merge of a person's two records: `before` holds the kept record's former values until it is settled.
  profile_merges: {
    id: ['placement', 'accountability'],
    desk_id: ['placement', 'accountability'],
    kept_id: ['placement', 'accountability'],
    merged_id: ['placement', 'accountability'],
    state: ['placement', 'accountability'],
    kept_version: ['placement'],
    merged_version: ['placement'],
    before: ['placement'],
    moved: ['placement', 'accountability'],
    merged_at: ['accountability'],
    merged_by: ['accountability'],
    settled_at: ['accountability'],
    settled_by: ['accountability'],
  },
};

/**
 * Every place a person's id is stored, which the access export reads and erasure clears. A test compares
 * this with the database's foreign keys and id columns, so a new table that refers to people cannot be
 * left out.
 */
export const SUBJECT_REFERENCES = [
  { table: 'profiles', column: 'id' },
  { table: 'profile_occupations', column: 'profile_id' },
  { table: 'profile_skills', column: 'profile_id' },
  { table: 'profile_languages', column: 'profile_id' },
  // Erasure takes the records merged into a person with them, and a merge row goes with either record;
  // the access export lists the merges through their audit entries on the record.
  { table: 'profiles', column: 'merged_into' },
  { table: 'profile_merges', column: 'kept_id' },
  { table: 'profile_merges', column: 'merged_id' },
  { table: 'consents', column: 'profile_id' },
  { table: 'match_decisions', column: 'candidate_id' },
  { table: 'match_outcomes', column: 'profile_id' },
  { table: 'match_runs', column: 'results' },
  { table: 'audit_log', column: 'subject_id' },
  { table: 'outbox', column: 'aggregate_id' },
  { table: 'search_dead_letters', column: 'aggregate_id' },
  { table: 'search_retries', column: 'aggregate_id' },
] as const;
