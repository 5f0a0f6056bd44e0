import { explainAll, type Lang, type MatchResult } from '@rilancio/matcher';
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';
import type { Database } from '../../db/client.js';
import {
  auditLog,
  consents,
  matchDecisions,
  matchOutcomes,
  matchRuns,
  needs,
  profiles,
} from '../../db/schema.js';
import { ForbiddenError, NotFoundError } from '../../errors.js';
import { entriesAboutPerson } from './import-report-scrub.js';
import type { LoggedComponent, RunRecord } from '../matching/index.js';
import { maySeePersonalData } from '../profiles/index.js';
import { loadProfileAggregates } from '../profiles/index.js';
import { preferredLabels } from '../reference/index.js';
import { PURPOSES } from './personal-data.registry.js';

const LANGS: Lang[] = ['it', 'fr', 'en'];

/**
 * A person's access export (GDPR Arts. 15 and 20): everything stored about them, the purposes and legal
 * bases, every ranking they appeared in with a plain-language explanation (Art. 15(1)(h)), and who their
 * data was disclosed to (approvals for companies, sensitive reads).
 */
export function createDataExportService(db: Database) {
  return {
    async export(profileId: string, principal: Principal) {
      const [row] = await db.select().from(profiles).where(eq(profiles.id, profileId));
      if (!row) throw new NotFoundError('profile', profileId);
      if (!maySeePersonalData(principal, row.deskId))
        throw new ForbiddenError('Only the profile’s own desk exports it');
      const [aggregate] = await loadProfileAggregates(db, [row]);
      const [consentRows, decisions, outcomes, runs, reads, imports] = await Promise.all([
        db.select().from(consents).where(eq(consents.profileId, profileId)).orderBy(asc(consents.givenAt)),
        db
          .select()
          .from(matchDecisions)
          .where(
            or(
              eq(matchDecisions.candidateId, profileId),
              and(eq(matchDecisions.subjectType, 'profile'), eq(matchDecisions.subjectId, profileId)),
            ),
          )
          .orderBy(asc(matchDecisions.seq)),
        db
          .select()
          .from(matchOutcomes)
          .where(eq(matchOutcomes.profileId, profileId))
          .orderBy(asc(matchOutcomes.at)),
        db
          .select()
          .from(matchRuns)
          .where(
            or(
              sql`${matchRuns.results} @> ${JSON.stringify([{ id: profileId }])}::jsonb`,
              eq(matchRuns.subjectId, profileId),
            ),
          )
          .orderBy(asc(matchRuns.seq)),
        db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.subjectType, 'profile'), eq(auditLog.subjectId, profileId)))
          .orderBy(asc(auditLog.id)),
        entriesAboutPerson(db, row.deskId, row),
      ]);
      // Import reports quote failed cells; the person gets every quote of a row that speaks of them.
      const importQuotes = imports.map(({ jobId, fileName, createdAt, entry }) => ({
        importId: jobId,
        fileName,
        at: createdAt.toISOString(),
        row: entry.row,
        field: entry.field ?? null,
        value: entry.value ?? null,
        code: entry.code,
      }));
      const candidateRuns = runs.filter((run) => run.subjectId !== profileId);
      const subjectRuns = runs.filter((run) => run.subjectId === profileId);
      const needIds = [...new Set(decisions.filter((d) => d.subjectType === 'need').map((d) => d.subjectId))];
      const needTitles = new Map(
        needIds.length
          ? (
              await db
                .select({ id: needs.id, title: needs.title, firmId: needs.firmId })
                .from(needs)
                .where(inArray(needs.id, needIds))
            ).map((n) => [n.id, n])
          : [],
      );
      const uris = [...aggregate!.occupations.map((o) => o.uri), ...aggregate!.skills.map((s) => s.uri)];
      const labels = new Map<Lang, Map<string, string>>();
      for (const lang of LANGS) labels.set(lang, await preferredLabels(db, uris, lang));
      const label = (uri: string, lang: Lang) => labels.get(lang)?.get(uri) ?? uri;

      const rankings = candidateRuns.map((run) => {
        const mine = (run.results as RunRecord['results']).find((r) => r.id === profileId)!;
        const result: MatchResult = {
          id: profileId,
          subjectId: run.subjectId,
          score: mine.score ?? 0,
          components: (mine.components ?? []).map((c: LoggedComponent) => ({ ...c })),
          exclusions: [],
          engineVersion: run.engineVersion,
          weightsHash: run.weightsHash,
        };
        const explanation = mine.components ? explainAll(result, { label }) : null;
        return {
          runId: run.id,
          ranAt: run.ranAt.toISOString(),
          direction: run.direction,
          subject: { type: run.subjectType, id: run.subjectId },
          rank: mine.rank,
          score: mine.score,
          ranked: run.ranked,
          engineVersion: run.engineVersion,
          components: mine.components ?? [],
          explanation: explanation
            ? Object.fromEntries(
                LANGS.map((l) => [l, { summary: explanation[l].summary, lines: [...explanation[l].lines] }]),
              )
            : null,
        };
      });

      return {
        generatedAt: new Date().toISOString(),
        controllerNotice:
          'Rilancio — export of the personal data held about you (GDPR Arts. 15 and 20). Rankings are recommendations reviewed by an operator.',
        purposes: PURPOSES,
        profile: {
          code: row.code,
          externalRef: row.externalRef,
          firstName: row.firstName,
          lastName: row.lastName,
          email: row.email,
          phone: row.phone,
          municipality: {
            country: row.municipalityCountry,
            code: row.municipalityCode,
            ...aggregate!.municipality,
          },
          eqfLevel: row.eqfLevel,
          mobilityKm: row.mobilityKm,
          maxTravelMinutes: row.maxTravelMinutes,
          weeklyFerryCommute: row.weeklyFerryCommute,
          availableFrom: row.availableFrom,
          employmentStatus: row.employmentStatus,
          desiredPaths: row.desiredPaths,
          supplyChains: row.supplyChains,
          naceDivisions: row.naceDivisions,
          drivingLicences: row.drivingLicences,
          crisisCaseId: row.crisisCaseId,
          createdAt: row.createdAt.toISOString(),
          updatedAt: row.updatedAt.toISOString(),
          endedAt: row.endedAt ? row.endedAt.toISOString() : null,
        },
        occupations: aggregate!.occupations.map((o) => ({
          ...o,
          label: { it: label(o.uri, 'it'), fr: label(o.uri, 'fr'), en: label(o.uri, 'en') },
        })),
        skills: aggregate!.skills.map((s) => ({
          ...s,
          label: { it: label(s.uri, 'it'), fr: label(s.uri, 'fr'), en: label(s.uri, 'en') },
        })),
        languages: aggregate!.languages,
        consents: consentRows.map((c) => ({
          purpose: c.purpose,
          textVersion: c.textVersion,
          language: c.language,
          channel: c.channel,
          givenAt: c.givenAt.toISOString(),
          withdrawnAt: c.withdrawnAt ? c.withdrawnAt.toISOString() : null,
        })),
        rankings,
        // Runs made for the person (their best needs and roles): what was proposed to them, and how.
        runsForYou: subjectRuns.map((run) => ({
          runId: run.id,
          ranAt: run.ranAt.toISOString(),
          direction: run.direction,
          engineVersion: run.engineVersion,
          results: (run.results as RunRecord['results']).map((r) => ({
            id: r.id,
            rank: r.rank,
            score: r.score,
            contributions: r.contributions,
          })),
        })),
        decisions: decisions.map((d) => ({
          at: d.at.toISOString(),
          subject: {
            type: d.subjectType,
            id: d.subjectId,
            title: needTitles.get(d.subjectId)?.title ?? null,
          },
          action: d.action,
          reasonCode: d.reasonCode,
          note: d.note,
        })),
        importReports: importQuotes,
        disclosures: decisions
          .filter((d) => d.action === 'approve' && d.candidateId === profileId)
          .map((d) => ({
            at: d.at.toISOString(),
            to: { needId: d.subjectId, firmId: needTitles.get(d.subjectId)?.firmId ?? null },
          })),
        outcomes: outcomes.map((o) => ({
          at: o.at.toISOString(),
          needId: o.needId,
          outcome: o.outcome,
          note: o.note,
        })),
        accessLog: reads.map((a) => ({ at: a.at.toISOString(), action: a.action, byRole: a.actorRole })),
      };
    },
  };
}
export type DataExport = Awaited<ReturnType<ReturnType<typeof createDataExportService>['export']>>;

const esc = (v: unknown) =>
  String(v ?? '—').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The same export as a page a person can read and print. */
export function renderDataExportHtml(data: DataExport, lang: Lang): string {
  const rows = (items: Record<string, unknown>[]) =>
    items.length === 0
      ? '<p>—</p>'
      : `<table><thead><tr>${Object.keys(items[0]!)
          .map((k) => `<th>${esc(k)}</th>`)
          .join('')}</tr></thead><tbody>${items
          .map(
            (i) =>
              `<tr>${Object.values(i)
                .map((v) => `<td>${esc(typeof v === 'object' ? JSON.stringify(v) : v)}</td>`)
                .join('')}</tr>`,
          )
          .join('')}</tbody></table>`;
  const rankings = data.rankings
    .map(
      (r) =>
        `<li><strong>${esc(r.ranAt)}</strong> — ${esc(r.direction)} #${esc(r.rank)}${
          r.explanation
            ? `<p>${esc(r.explanation[lang]!.summary)}</p><ul>${r.explanation[lang]!.lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>`
            : ''
        }</li>`,
    )
    .join('');
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Rilancio — ${esc(data.profile.code)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.25rem .5rem;text-align:left}</style></head>
<body><h1>Rilancio — ${esc(data.profile.code)}</h1><p>${esc(data.controllerNotice)}</p>
<h2>Profile</h2>${rows([data.profile as unknown as Record<string, unknown>])}
<h2>Occupations</h2>${rows(data.occupations.map((o) => ({ occupation: o.label[lang], years: o.years })))}
<h2>Skills</h2>${rows(data.skills.map((s) => ({ skill: s.label[lang], source: s.source })))}
<h2>Languages</h2>${rows(data.languages)}
<h2>Consents</h2>${rows(data.consents)}
<h2>Rankings</h2><ul>${rankings || '<li>—</li>'}</ul>
<h2>Runs for you</h2>${rows(data.runsForYou.map((r) => ({ ranAt: r.ranAt, direction: r.direction, results: r.results.length })))}
<h2>Decisions</h2>${rows(data.decisions)}
<h2>Import reports</h2>${rows(data.importReports)}
<h2>Disclosures</h2>${rows(data.disclosures)}
<h2>Outcomes</h2>${rows(data.outcomes)}
<h2>Access log</h2>${rows(data.accessLog)}
<h2>Purposes and legal bases</h2>${rows(Object.entries(data.purposes).map(([k, v]) => ({ purpose: k, ...v })))}
</body></html>`;
}
