import { and, eq, inArray } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';
import type { Database } from '../../db/client.js';
import {
  escoLabels,
  escoOccupations,
  firms,
  iscoGroups,
  municipalities,
  needSkills,
  needs,
} from '../../db/schema.js';
import { AppError, NotFoundError } from '../../errors.js';
import type { Lang } from '../../files/index.js';
import { assertMayAccessNeed } from '../needs/index.js';
import { iscoName } from '../reference/index.js';

/**
 * schema.org employmentType has no "permanent" or "fixed-term": it speaks of working time. Our
 * contract types map to the nearest value, and anything else is OTHER rather than a guess.
 */
const EMPLOYMENT_TYPE: Record<string, string> = {
  permanent: 'FULL_TIME',
  fixed_term: 'TEMPORARY',
  seasonal: 'TEMPORARY',
  apprenticeship: 'OTHER',
  other: 'OTHER',
};

/**
 * A job need as a schema.org JobPosting (JSON-LD), for job boards and the public employment
 * services' exchanges. What people read is words in the requested language: the title, the
 * occupation's and the ISCO group's names, the skills. Codes stay only where schema.org puts
 * identifiers: the ESCO URI (`@id`) and codes (`codeValue`) in occupationalCategory, the need's id in
 * `identifier`. Companies get their own firm's needs only (404).
 */
export function createJobPostingService(db: Database) {
  return async function jobPosting(id: string, principal: Principal, lang: Lang) {
    const [need] = await db.select().from(needs).where(eq(needs.id, id));
    if (!need) throw new NotFoundError('need', id);
    assertMayAccessNeed(principal, need);
    if (need.type !== 'job' || !need.occupationUri)
      throw new AppError('JOBPOSTING_NOT_A_JOB', 'Only job needs are published as JobPosting', 404, [
        { path: 'id', reason: 'not a job need' },
      ]);
    const [firm] = await db.select().from(firms).where(eq(firms.id, need.firmId));
    const [place] = await db
      .select()
      .from(municipalities)
      .where(
        and(
          eq(municipalities.country, need.municipalityCountry),
          eq(municipalities.code, need.municipalityCode),
        ),
      );
    const [occupation] = await db
      .select({
        code: escoOccupations.code,
        isco: escoOccupations.iscoGroup,
        labelEn: iscoGroups.labelEn,
        labelFr: iscoGroups.labelFr,
        labelIt: iscoGroups.labelIt,
        labelItSource: iscoGroups.labelItSource,
      })
      .from(escoOccupations)
      .leftJoin(iscoGroups, eq(iscoGroups.code, escoOccupations.iscoGroup))
      .where(eq(escoOccupations.uri, need.occupationUri));
    const skills = await db.select().from(needSkills).where(eq(needSkills.needId, id));
    const uris = [need.occupationUri, ...skills.map((s) => s.skillUri)];
    const labelRows = await db
      .select({ uri: escoLabels.conceptUri, label: escoLabels.label, lang: escoLabels.lang })
      .from(escoLabels)
      .where(and(inArray(escoLabels.conceptUri, uris), eq(escoLabels.preferred, true)));
    // Labels in the posting's language, English where it has none; never a URI where words are expected.
    const label = (uri: string): string | undefined =>
      labelRows.find((r) => r.uri === uri && r.lang === lang)?.label ??
      labelRows.find((r) => r.uri === uri && r.lang === 'en')?.label;
    const named = (relation: string) =>
      skills
        .filter((s) => s.relation === relation)
        .map((s) => label(s.skillUri))
        .filter((l): l is string => !!l);
    const essential = named('essential');
    const optional = named('optional');
    const occupationName = label(need.occupationUri);

    return {
      '@context': 'https://schema.org',
      '@type': 'JobPosting',
      identifier: { '@type': 'PropertyValue', name: 'rilancio', value: need.id },
      title: need.title,
      description: need.description || need.title,
      datePosted: need.createdAt.toISOString().slice(0, 10),
      ...(need.expiresAt ? { validThrough: need.expiresAt } : {}),
      ...(need.startDate ? { jobStartDate: need.startDate } : {}),
      ...(need.contractType ? { employmentType: EMPLOYMENT_TYPE[need.contractType] ?? 'OTHER' } : {}),
      hiringOrganization: {
        '@type': 'Organization',
        name: firm?.name ?? '',
        ...(firm?.vatNumber ? { vatID: `IT${firm.vatNumber}` } : {}),
        ...(firm?.siret
          ? { identifier: { '@type': 'PropertyValue', name: 'SIRET', value: firm.siret } }
          : {}),
      },
      jobLocation: {
        '@type': 'Place',
        address: {
          '@type': 'PostalAddress',
          addressLocality: place?.name ?? '',
          addressRegion: place?.regionName ?? '',
          ...(place?.postalCodes[0] ? { postalCode: place.postalCodes[0] } : {}),
          addressCountry: need.municipalityCountry,
        },
        geo: { '@type': 'GeoCoordinates', latitude: need.lat, longitude: need.lon },
      },
      occupationalCategory: [
        {
          '@type': 'CategoryCode',
          '@id': need.occupationUri,
          ...(occupationName ? { name: occupationName } : {}),
          ...(occupation?.code ? { codeValue: occupation.code } : {}),
          inCodeSet: {
            '@type': 'CategoryCodeSet',
            name: 'ESCO',
            url: 'http://data.europa.eu/esco/occupation',
          },
        },
        ...(occupation
          ? [
              {
                '@type': 'CategoryCode',
                codeValue: occupation.isco,
                // The group's name in the posting's language (Italian: the project's own names).
                ...(occupation.labelEn
                  ? { name: iscoName({ ...occupation, labelEn: occupation.labelEn }, lang).label }
                  : {}),
                inCodeSet: { '@type': 'CategoryCodeSet', name: 'ISCO-08' },
              },
            ]
          : []),
      ],
      skills: essential,
      ...(optional.length > 0 ? { qualifications: optional } : {}),
      totalJobOpenings: need.positions ?? 1,
    };
  };
}
