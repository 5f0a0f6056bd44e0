import type { ScoringConfig } from '../config.js';
import { sortedHas, type Knowledge } from '../knowledge.js';
import type { OpportunityRole, ScoringProfile } from '../types.js';
import { related } from './related.js';
import { personSkills } from './skills.js';

/**
 * Cheap test, before scoring, of whether a person can have evidence for a role: a past
 * occupation in the same ISCO minor group, or any route (held, hierarchy, implied) to a key
 * skill. It accepts a superset of what the team builder's evidence rule accepts after scoring,
 * so skipping the rest loses nothing and saves scoring most pairs.
 */
export function mayHaveEvidence(
  p: ScoringProfile,
  role: OpportunityRole,
  k: Knowledge,
  config: ScoringConfig,
): boolean {
  const isco3 = role.iscoGroup.slice(0, 3);
  for (const o of p.occupations)
    if (o.uri === role.occupationUri || (isco3.length === 3 && o.iscoGroup.startsWith(isco3))) return true;
  if (role.keySkills.length === 0) return false;
  const v = personSkills(p, k, config.skills);
  for (const uri of role.keySkills) {
    if (v.byUri.has(uri)) return true;
    const id = k.skillId.get(uri);
    if (id === undefined) continue;
    const rel = related(k, config.skills, id);
    for (const h of v.heldIds) if (rel.byId.has(h)) return true;
    for (const o of v.occupationIds)
      if (sortedHas(k.essentialSkills[o.id]!, id) || sortedHas(k.optionalSkills[o.id]!, id)) return true;
  }
  return false;
}
