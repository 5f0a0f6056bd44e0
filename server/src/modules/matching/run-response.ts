import {
  componentTitle,
  ENGINE_VERSION,
  explainAll,
  reasonSentence,
  type Lang,
  type MatchResult,
} from '@rilancio/matcher';
import type { Principal } from '../../auth/principal.js';
import type { Database } from '../../db/client.js';
import { preferredLabelsIn } from '../reference/index.js';
import { applyDecisions } from './apply-decisions.js';
import { appendRun, type RunRecord } from './match-log.repository.js';
import type { DecisionRow } from './matching.repository.js';
import type { RunSettings } from './run-settings.js';

export const LANGS: Lang[] = ['it', 'fr', 'en'];

/** The same text in the three languages of the programme. */
export const byLang = (text: (lang: Lang) => string): Record<Lang, string> =>
  Object.fromEntries(LANGS.map((l) => [l, text(l)])) as Record<Lang, string>;

/** Said instead of a concept whose label is missing: never its URI. */
const UNLABELLED: Record<Lang, string> = {
  it: 'una competenza o professione ESCO',
  fr: 'une compétence ou un métier ESCO',
  en: 'an ESCO skill or occupation',
};

export type CandidateType = 'profile' | 'need' | 'asset' | 'opportunity_role';

export interface Candidate {
  type: CandidateType;
  id: string;
  /** What the UI shows: a pseudonymous code, a need or asset title. Never a person's name. */
  label: string;
  result: MatchResult;
  updatedAt: string | null;
}

function contributions(r: MatchResult): Record<string, number> {
  return Object.fromEntries(r.components.map((c) => [c.name, c.contribution]));
}

/** What a match run answers with, named: the run's subject, what it searched and what it found. */
export interface RunResponse {
  principal: Principal;
  settings: RunSettings;
  subject: { type: string; id: string };
  /** The match direction, as logged (e.g. `job_need_to_people`). */
  direction: string;
  /** The pool's filters, as logged. */
  poolQuery: Record<string, unknown>;
  poolSize: number;
  /** The desk's latest decision per candidate: rejected go last, re-ranked keep their place. */
  decisions: Map<string, DecisionRow>;
  candidates: Candidate[];
  limit: number;
  lang: Lang;
  /** Fields a direction adds to the answer (near misses, exclusions). */
  extra?: Record<string, unknown>;
}

/**
 * Orders the candidates (or lists them by id with the ranking off), appends the run to the hash-chained
 * log, and words the page in the user's language: labels for every concept named, never a URI.
 */
export async function respondWith(db: Database, options: RunResponse) {
  const { principal, settings, subject, direction, poolQuery, poolSize, decisions, candidates, limit, lang } =
    options;
  const extra = options.extra ?? {};
  const { ranked, weights } = settings;
  const ordered = ranked
    ? applyDecisions(candidates, decisions).slice(0, limit)
    : [...candidates].sort((a, b) => (a.id < b.id ? -1 : 1)).slice(0, limit);
  const record: RunRecord = {
    actorUserId: principal.userId,
    actorRole: principal.role,
    direction,
    subjectType: subject.type,
    subjectId: subject.id,
    poolQuery,
    poolSize,
    engineVersion: ENGINE_VERSION,
    weightsHash: weights.hash,
    ranked,
    results: ordered.map((c, i) => ({
      id: c.id,
      rank: i + 1,
      score: ranked ? c.result.score : null,
      contributions: ranked ? contributions(c.result) : {},
      ...(ranked
        ? {
            components: c.result.components.map((x) => ({
              name: x.name,
              weight: x.weight,
              value: x.value,
              contribution: x.contribution,
              reason: { code: x.reason.code, params: { ...x.reason.params } },
            })),
          }
        : {}),
    })),
  };
  const run = await appendRun(db, record);
  // Every ESCO concept an explanation may name: the skills of the lists and the occupations in reasons
  // ("same ISCO group: saldatore di tubazioni"); English where the language has none, never a URI.
  const conceptsIn = (params: Readonly<Record<string, string | number>>) =>
    Object.values(params).filter((v): v is string => typeof v === 'string' && v.startsWith('http'));
  const uris = ordered.flatMap((c) => [
    ...[
      ...(c.result.skills?.matched ?? []),
      ...(c.result.skills?.partial ?? []),
      ...(c.result.skills?.missing ?? []),
    ].map((m) => m.required),
    ...c.result.components.flatMap((x) => conceptsIn(x.reason.params)),
    ...c.result.exclusions.flatMap((e) => conceptsIn(e.params)),
  ]);
  const labelOrUri = await preferredLabelsIn(db, uris, LANGS);
  const label = (uri: string, l: Lang) => {
    const found = labelOrUri(uri, l);
    return found === uri.slice(uri.lastIndexOf('/') + 1) ? UNLABELLED[l] : found;
  };
  const skill = (m: { required: string; via: string | null }, via: boolean) => ({
    uri: m.required,
    label: label(m.required, lang),
    via: via ? m.via : null,
  });
  return {
    runId: run.id,
    ranAt: run.ranAt.toISOString(),
    subject,
    engineVersion: ENGINE_VERSION,
    weightsHash: weights.hash,
    ranked,
    notice: 'recommendation — human review required',
    poolSize,
    results: ordered.map((c, i) => {
      const d = decisions.get(c.id);
      const skills = c.result.skills
        ? {
            matched: c.result.skills.matched.map((m) => skill(m, true)),
            partial: c.result.skills.partial.map((m) => skill(m, true)),
            missing: c.result.skills.missing.map((m) => skill(m, false)),
          }
        : null;
      const explanation = explainAll(c.result, { label });
      return {
        rank: i + 1,
        candidateType: c.type,
        candidateId: c.id,
        label: c.label,
        dataUpdatedAt: c.updatedAt,
        ...(ranked
          ? {
              score: c.result.score,
              components: c.result.components.map((x) => ({
                name: x.name,
                // What screens show: the component's name and its reason as sentences, never the codes.
                title: byLang((l) => componentTitle(x.name, l)),
                weight: x.weight,
                value: x.value,
                contribution: x.contribution,
                reason: x.reason.code,
                reasonText: byLang((l) => reasonSentence(x, l, { label })),
              })),
              skills,
              explanation: Object.fromEntries(
                LANGS.map((l) => [l, { summary: explanation[l].summary, lines: [...explanation[l].lines] }]),
              ),
            }
          : {}),
        exclusions: c.result.exclusions.map((e) => e.code),
        decision: d
          ? {
              action: d.action,
              reasonCode: d.reasonCode,
              note: d.note,
              at: d.at.toISOString(),
              finalRank: d.finalRank,
            }
          : null,
      };
    }),
    ...extra,
  };
}
