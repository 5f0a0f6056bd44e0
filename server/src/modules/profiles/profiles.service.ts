import { eq } from 'drizzle-orm';
import { allows, authorize, authorizeCreate, mayCertifySkills } from '../../auth/policy.js';
import type { Principal } from '../../auth/principal.js';
import type { Database, DbOrTx } from '../../db/client.js';
import { crisisCases, desks } from '../../db/schema.js';
import { AppError, NotFoundError, ValidationError } from '../../errors.js';
import { auditPersonalReads } from '../shared/audit.js';
import { patchColumns } from '../shared/patch-columns.js';
import { versionedWrites } from '../shared/record-service.js';
import { assertEscoConceptsExist, resolveMunicipality, placeColumns } from '../shared/references.js';
import { toIso } from '../shared/schemas.js';
import type { CreateProfile, ProfileListQuery, ProfileView, UpdateProfile } from './profiles.schema.js';
import { listProfileRows } from './profiles.list.js';
import {
  findProfileRow,
  insertProfiles,
  loadProfileSkills,
  PROFILE_SPEC,
  loadProfileAggregates,
  replaceProfileChildren,
  type ProfileAggregate,
} from './profiles.repository.js';

const SPEC = PROFILE_SPEC;

/** Name and contacts only where the policy allows it: the profile's own desk and admins (DOMAIN.md roles). */
export function maySeePersonalData(principal: Principal, deskId: string): boolean {
  return allows(principal, 'read_personal', 'profile', { deskId });
}

export function toProfileView(a: ProfileAggregate, principal: Principal): ProfileView {
  const p = a.profile;
  const personal = maySeePersonalData(principal, p.deskId);
  return {
    id: p.id,
    code: p.code,
    deskId: p.deskId,
    externalRef: personal ? p.externalRef : null,
    personal: personal
      ? { firstName: p.firstName, lastName: p.lastName, email: p.email, phone: p.phone }
      : null,
    municipality: {
      country: p.municipalityCountry,
      code: p.municipalityCode,
      name: a.municipality.name,
      province: a.municipality.provinceName,
      region: a.municipality.regionName,
    },
    occupations: a.occupations,
    skills: a.skills,
    languages: a.languages,
    eqfLevel: p.eqfLevel,
    mobilityKm: p.mobilityKm,
    maxTravelMinutes: p.maxTravelMinutes,
    weeklyFerryCommute: p.weeklyFerryCommute,
    availableFrom: p.availableFrom,
    employmentStatus: p.employmentStatus,
    desiredPaths: p.desiredPaths,
    supplyChains: p.supplyChains,
    naceDivisions: p.naceDivisions,
    drivingLicences: p.drivingLicences,
    crisisCaseId: p.crisisCaseId,
    mergedInto: p.mergedInto,
    createdAt: toIso(p.createdAt)!,
    updatedAt: toIso(p.updatedAt)!,
    endedAt: toIso(p.endedAt),
    version: p.version,
  };
}

async function validateReferences(
  tx: DbOrTx,
  input: Pick<Partial<CreateProfile>, 'occupations' | 'crisisCaseId'> & { skills?: { uri: string }[] },
) {
  await assertEscoConceptsExist(
    tx,
    'occupation',
    (input.occupations ?? []).map((o, i) => ({ uri: o.uri, path: `occupations.${i}.uri` })),
  );
  await assertEscoConceptsExist(
    tx,
    'skill',
    (input.skills ?? []).map((s, i) => ({ uri: s.uri, path: `skills.${i}.uri` })),
  );
  if (input.crisisCaseId) {
    const [c] = await tx
      .select({ id: crisisCases.id })
      .from(crisisCases)
      .where(eq(crisisCases.id, input.crisisCaseId));
    if (!c) throw new ValidationError([{ path: 'crisisCaseId', reason: 'unknown crisis case' }]);
  }
}

type SkillSource = CreateProfile['skills'][number]['source'];

/**
 * The skills a write leaves on the profile, with their sources. A skill that names no source keeps the
 * one it has (a form that does not show sources must not turn certified into declared), a new one is
 * declared. Making a skill certified, or taking certified away, is for SKILL_CERTIFIERS only: anyone
 * else gets a 403 naming the skill, and nothing is written.
 */
export function settleSkillSources(
  principal: Principal,
  sent: { uri: string; source?: SkillSource }[],
  held: ReadonlyMap<string, string>,
): { uri: string; source: SkillSource }[] {
  const refused: { path: string; reason: string }[] = [];
  const settled = sent.map((s, i) => {
    const before = held.get(s.uri);
    const source = s.source ?? (before as SkillSource | undefined) ?? 'declared';
    const touchesCertified = (source === 'certified') !== (before === 'certified');
    if (touchesCertified && !mayCertifySkills(principal))
      refused.push({
        path: `skills.${i}.source`,
        reason:
          source === 'certified'
            ? 'only desk staff may mark a skill as certified'
            : 'only desk staff may take the certification off a skill',
      });
    return { uri: s.uri, source };
  });
  if (refused.length > 0)
    throw new AppError(
      'SKILL_CERTIFICATION_FORBIDDEN',
      'You may not change whether a skill is certified',
      403,
      refused,
    );
  return settled;
}

export function createProfilesService(db: Database) {
  async function get(id: string, principal: Principal): Promise<ProfileView> {
    const row = await findProfileRow(db, id);
    if (!row) throw new NotFoundError('profile', id);
    authorize(principal, 'read', 'profile', { deskId: row.deskId }, { entity: 'profile', id });
    const [aggregate] = await loadProfileAggregates(db, [row]);
    const view = toProfileView(aggregate!, principal);
    // Reading a person's name and contacts is a sensitive read: who, what, when goes to the audit log.
    if (view.personal) await auditPersonalReads(db, principal, [id], 'profile.personal_read');
    return view;
  }

  const writes = versionedWrites({ db, spec: SPEC, get });

  return {
    get,

    async list(query: ProfileListQuery, principal: Principal) {
      const { items, nextCursor, total } = await listProfileRows(db, query, principal);
      const aggregates = await loadProfileAggregates(db, items);
      const views = aggregates.map((a) => toProfileView(a, principal));
      // Names and contacts in a list are sensitive reads too: one audit entry per person shown.
      await auditPersonalReads(
        db,
        principal,
        views.filter((v) => v.personal).map((v) => v.id),
        'profile.personal_list',
      );
      return { items: views, nextCursor, total };
    },

    async create(input: CreateProfile, principal: Principal): Promise<ProfileView> {
      authorizeCreate(principal, 'profile', { deskId: input.deskId }, 'profile');
      const id = await db.transaction(async (tx) => {
        const [desk] = await tx.select({ id: desks.id }).from(desks).where(eq(desks.id, input.deskId));
        if (!desk) throw new ValidationError([{ path: 'deskId', reason: 'unknown desk' }]);
        const place = await resolveMunicipality(tx, input.municipality);
        await validateReferences(tx, input);
        settleSkillSources(principal, input.skills, new Map());
        const [id] = await insertProfiles(tx, [
          {
            columns: {
              deskId: input.deskId,
              externalRef: input.externalRef,
              firstName: input.firstName,
              lastName: input.lastName,
              email: input.email ?? null,
              phone: input.phone ?? null,
              ...placeColumns(place),
              eqfLevel: input.eqfLevel ?? null,
              mobilityKm: input.mobilityKm,
              maxTravelMinutes: input.maxTravelMinutes ?? null,
              weeklyFerryCommute: input.weeklyFerryCommute,
              availableFrom: input.availableFrom ?? null,
              employmentStatus: input.employmentStatus,
              desiredPaths: input.desiredPaths,
              supplyChains: input.supplyChains,
              naceDivisions: input.naceDivisions,
              drivingLicences: input.drivingLicences,
              crisisCaseId: input.crisisCaseId ?? null,
            },
            children: { occupations: input.occupations, skills: input.skills, languages: input.languages },
          },
        ]);
        return id!;
      });
      return get(id, principal);
    },

    update(id: string, patch: UpdateProfile, principal: Principal): Promise<ProfileView> {
      return writes.update({
        id,
        version: patch.version,
        principal,
        columns: async (tx) => {
          await validateReferences(tx, patch);
          const skills = patch.skills
            ? settleSkillSources(principal, patch.skills, await loadProfileSkills(tx, id))
            : undefined;
          await replaceProfileChildren(tx, id, { ...patch, skills });
          return patchColumns(tx, patch, ['occupations', 'skills', 'languages']);
        },
      });
    },

    /** Ends the profile: it leaves search and matching, the record stays for the log and the person's rights. */
    end: writes.end,
  };
}
export type ProfilesService = ReturnType<typeof createProfilesService>;
