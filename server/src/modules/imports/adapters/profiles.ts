import { and, eq, inArray } from 'drizzle-orm';
import { profiles } from '../../../db/schema.js';
import type { LanguageLevel } from '../../../files/index.js';
import {
  insertProfiles,
  loadProfileAggregates,
  PROFILE_SPEC,
  replaceProfileChildren,
  type ProfileAggregate,
  type ProfileChildren,
} from '../../profiles/index.js';
import { CreateProfileSchema } from '../../profiles/index.js';
import {
  type Input,
  type DbState,
  type ExistingRecord,
  type EntityAdapter,
  compact,
  copy,
  place,
  escoList,
  crisisRef,
  muni,
  writeOver,
  placeColumns,
} from './common.js';

function existingProfile(a: ProfileAggregate): ExistingRecord {
  const p = a.profile;
  const state: DbState = {
    columns: {
      firstName: p.firstName,
      lastName: p.lastName,
      email: p.email,
      phone: p.phone,
      municipalityCountry: p.municipalityCountry,
      municipalityCode: p.municipalityCode,
      lat: p.lat,
      lon: p.lon,
      eqfLevel: p.eqfLevel,
      mobilityKm: p.mobilityKm,
      availableFrom: p.availableFrom,
      employmentStatus: p.employmentStatus,
      desiredPaths: p.desiredPaths,
      supplyChains: p.supplyChains,
      naceDivisions: p.naceDivisions,
      drivingLicences: p.drivingLicences,
      crisisCaseId: p.crisisCaseId,
    },
    children: { occupations: a.occupations, skills: a.skills, languages: a.languages },
  };
  return {
    id: p.id,
    version: p.version,
    deskId: p.deskId,
    owner: PROFILE_SPEC.owned.owner(p),
    input: compact({
      deskId: p.deskId,
      externalRef: p.externalRef,
      firstName: p.firstName,
      lastName: p.lastName,
      email: p.email,
      phone: p.phone,
      municipality: muni(p),
      occupations: a.occupations,
      skills: a.skills,
      languages: a.languages,
      eqfLevel: p.eqfLevel,
      mobilityKm: p.mobilityKm,
      availableFrom: p.availableFrom,
      employmentStatus: p.employmentStatus,
      desiredPaths: p.desiredPaths,
      supplyChains: p.supplyChains,
      naceDivisions: p.naceDivisions,
      drivingLicences: p.drivingLicences,
      crisisCaseId: p.crisisCaseId,
    }),
    state,
  };
}

export const profilesAdapter: EntityAdapter = {
  entity: 'profiles',
  spec: PROFILE_SPEC as unknown as EntityAdapter['spec'],
  schema: CreateProfileSchema,
  fileFieldOf: { crisisCaseId: 'crisisCaseRef' },
  fileKey: (r) => (r.externalRef === undefined ? undefined : String(r.externalRef)),
  async build(r, ctx) {
    const input: Input = {};
    copy(r, input, [
      'externalRef',
      'firstName',
      'lastName',
      'email',
      'phone',
      'eqfLevel',
      'mobilityKm',
      'availableFrom',
      'employmentStatus',
    ]);
    const m = await place(r, ctx);
    if (m) input.municipality = m;
    if (r.occupations)
      input.occupations = (await escoList('occupation', r.occupations, 'occupations', ctx, 'error')).map(
        (uri) => ({ uri, years: 0 }),
      );
    if (r.skills)
      input.skills = (await escoList('skill', r.skills, 'skills', ctx)).map((uri) => ({
        uri,
        source: 'declared',
      }));
    if (r.languages) {
      const byCode = new Map((r.languages as LanguageLevel[]).map((l) => [l.language, l.level]));
      input.languages = [...byCode].map(([code, level]) => ({ code, level }));
    }
    if (r.drivingLicences)
      input.drivingLicences = (r.drivingLicences as string[]).map((s) => s.toUpperCase());
    if (r.desiredPaths) input.desiredPaths = r.desiredPaths;
    if (r.supplyChains) input.supplyChains = r.supplyChains;
    await crisisRef(r, input, ctx);
    return input;
  },
  async findExisting(tx, input, deskId) {
    return (await profilesAdapter.findMany!(tx, [input], deskId))[0];
  },
  async findMany(tx, inputs, deskId) {
    const refs = [...new Set(inputs.map((i) => String(i.externalRef)))];
    if (refs.length === 0) return [];
    const rows = await tx
      .select()
      .from(profiles)
      .where(and(eq(profiles.deskId, deskId), inArray(profiles.externalRef, refs)));
    const byRef = new Map(
      (await loadProfileAggregates(tx, rows)).map((a) => [a.profile.externalRef, existingProfile(a)]),
    );
    return inputs.map((i) => byRef.get(String(i.externalRef)));
  },
  merge(existing, input, deskId) {
    const merged: Input = { ...(existing?.input ?? {}), ...compact(input), deskId };
    merged.occupations ??= [];
    // A file names occupations and skills, not years or provenance: keep what the desk recorded before.
    if (existing && input.occupations) {
      const years = new Map(
        (existing.input.occupations as { uri: string; years: number }[]).map((o) => [o.uri, o.years]),
      );
      merged.occupations = (input.occupations as { uri: string }[]).map((o) => ({
        uri: o.uri,
        years: years.get(o.uri) ?? 0,
      }));
    }
    if (existing && input.skills) {
      const sources = new Map(
        (existing.input.skills as { uri: string; source: string }[]).map((s) => [s.uri, s.source]),
      );
      merged.skills = (input.skills as { uri: string }[]).map((s) => ({
        uri: s.uri,
        source: sources.get(s.uri) ?? 'declared',
      }));
    }
    return merged;
  },
  toState(p, at) {
    const byUri = <T extends { uri: string }>(xs: T[]) => [...xs].sort((a, b) => a.uri.localeCompare(b.uri));
    return {
      columns: {
        firstName: p.firstName,
        lastName: p.lastName,
        email: p.email ?? null,
        phone: p.phone ?? null,
        ...placeColumns(at),
        eqfLevel: p.eqfLevel ?? null,
        mobilityKm: p.mobilityKm,
        availableFrom: p.availableFrom ?? null,
        employmentStatus: p.employmentStatus,
        desiredPaths: p.desiredPaths,
        supplyChains: p.supplyChains,
        naceDivisions: p.naceDivisions,
        drivingLicences: p.drivingLicences,
        crisisCaseId: p.crisisCaseId ?? null,
      },
      children: {
        occupations: byUri(p.occupations as { uri: string; years: number }[]),
        skills: byUri(p.skills as { uri: string; source: string }[]),
        languages: [...(p.languages as { code: string; level: string }[])].sort((a, b) =>
          a.code.localeCompare(b.code),
        ),
      },
    };
  },
  async insertMany(tx, items, deskId) {
    await insertProfiles(
      tx,
      items.map(({ input, state }) => ({
        columns: {
          ...(state.columns as object),
          deskId,
          externalRef: String(input.externalRef),
        } as Parameters<typeof insertProfiles>[1][number]['columns'],
        children: state.children as unknown as ProfileChildren,
      })),
    );
  },
  async update(tx, existing, state, principal) {
    await writeOver(profilesAdapter.spec)(tx, existing, state, principal);
    await replaceProfileChildren(tx, existing.id, state.children as never);
  },
};
