import type { SkillCredits } from '../config.js';
import { siblings, within, type Knowledge } from '../knowledge.js';

/**
 * Skills related to one required skill through the ESCO hierarchy, with the credit a person
 * holding them gets. Shared by the scorer and the candidate index so that the index's upper
 * bound covers exactly the routes the scorer can give credit through.
 */
export interface RelatedSkill {
  readonly id: number;
  readonly via: 'narrower' | 'broader' | 'sibling';
  readonly credit: number;
}

/** The same related skills, as a list (for postings) and a map (for look-ups from a person). */
export interface Related {
  readonly list: readonly RelatedSkill[];
  readonly byId: ReadonlyMap<number, RelatedSkill>;
}

const cache = new WeakMap<Knowledge, WeakMap<SkillCredits, Map<number, Related>>>();

export function relatedSkills(k: Knowledge, credits: SkillCredits, skill: number): readonly RelatedSkill[] {
  return related(k, credits, skill).list;
}

export function related(k: Knowledge, credits: SkillCredits, skill: number): Related {
  let byCredits = cache.get(k);
  if (!byCredits) cache.set(k, (byCredits = new WeakMap()));
  let bySkill = byCredits.get(credits);
  if (!bySkill) byCredits.set(credits, (bySkill = new Map()));
  const hit = bySkill.get(skill);
  if (hit) return hit;
  const best = new Map<number, RelatedSkill>();
  const offer = (id: number, via: RelatedSkill['via'], credit: number): void => {
    const prev = best.get(id);
    if (!prev || credit > prev.credit) best.set(id, { id, via, credit });
  };
  // The person holds a specialisation of what is asked: most of the requirement is met.
  for (const id of within(k.narrower, skill, credits.hierarchyDepth).keys())
    offer(id, 'narrower', credits.narrower);
  // The person holds only the general skill: part of it.
  for (const id of within(k.broader, skill, credits.hierarchyDepth).keys())
    offer(id, 'broader', credits.broader);
  for (const id of siblings(k, skill, credits.siblingMaxGroupSize)) offer(id, 'sibling', credits.sibling);
  const list = [...best.values()].sort((a, b) => a.id - b.id);
  const out = { list, byId: new Map(list.map((r) => [r.id, r])) };
  bySkill.set(skill, out);
  return out;
}
