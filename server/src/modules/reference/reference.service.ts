import type { Database } from '../../db/client.js';
import { candidatePrefix, meaningfulWords, rankConcepts } from './concept-ranking.js';
import {
  listDesks,
  occupationIscoGroups,
  occupationSkills,
  conceptCandidates,
  iscoGroupsByCode,
  preferredLabelsInLang,
  searchMunicipalities,
  municipalitiesInBox,
  listProvinces,
  searchNace,
  type Lang,
} from './reference.repository.js';

export function createReferenceService(db: Database) {
  return {
    /**
     * ESCO concepts for an autocomplete, ranked by how well a label matches what was typed
     * (concept-ranking.ts), labelled in the user's language. `labelLang` says which language the label
     * is in: English where the user's language has none, so the screen can mark it; `provisional` marks
     * the project's own vocabulary (until official ESCO labels of that language are imported).
     */
    async concepts(kind: 'occupation' | 'skill', q: string, lang: Lang, limit: number) {
      const typed = meaningfulWords(q).slice(0, 4);
      if (typed.length === 0) return [];
      const candidates = await conceptCandidates(db, kind, [...new Set(typed.map(candidatePrefix))], 20_000);
      const ranked = rankConcepts(
        q,
        lang,
        candidates.map((c) => ({
          uri: c.uri,
          lang: c.lang,
          label: c.label,
          preferred: c.preferred,
          depth: c.code ? c.code.split('.').length - 1 : 0,
        })),
        limit,
      );
      const uris = ranked.map((h) => h.uri);
      const [labels, isco] = await Promise.all([
        preferredLabelsInLang(db, uris, lang),
        kind === 'occupation' ? occupationIscoGroups(db, uris) : Promise.resolve(new Map<string, string>()),
      ]);
      return ranked.map((h) => {
        const l = labels.get(h.uri);
        return {
          uri: h.uri,
          label: l?.label ?? h.matchedLabel,
          labelLang: l?.lang ?? lang,
          provisional: l?.source === 'provisional',
          matchedLabel: h.matchedLabel,
          iscoGroup: isco.get(h.uri) ?? null,
        };
      });
    },
    async occupationSkills(uri: string, lang: Lang) {
      const rows = await occupationSkills(db, uri);
      const labels = await preferredLabelsInLang(
        db,
        rows.map((s) => s.uri),
        lang,
      );
      const pick = (relation: string) =>
        rows
          .filter((s) => s.relation === relation)
          .map((s) => {
            const l = labels.get(s.uri);
            return {
              uri: s.uri,
              label: l?.label ?? s.uri,
              labelLang: l?.lang ?? 'en',
              provisional: l?.source === 'provisional',
            };
          });
      return { essential: pick('essential'), optional: pick('optional') };
    },
    /** Preferred labels of ESCO concepts in one language, saying which language each label is in. */
    async labels(uris: string[], lang: Lang) {
      const found = await preferredLabelsInLang(db, [...new Set(uris)], lang);
      return [...found].map(([uri, l]) => ({ uri, label: l.label, lang: l.lang as Lang }));
    },
    /**
     * ISCO-08 groups by code, named in the user's language: what a table of people by occupational group
     * shows instead of bare codes ("Saldatori e tagliatori a fiamma (7212)"). ESCO ships no Italian ISCO
     * names: the Italian ones are the project's own (`provisional`); a group without one falls back to
     * English, and `labelLang` says so.
     */
    async iscoGroups(codes: string[], lang: Lang) {
      const rows = await iscoGroupsByCode(db, [...new Set(codes)]);
      const byCode = new Map(rows.map((r) => [r.code, r]));
      return codes.flatMap((code) => {
        const r = byCode.get(code);
        if (!r) return [];
        const named = iscoName(r, lang);
        return [
          {
            code,
            level: r.level,
            label: named.label,
            lang: named.lang,
            labelLang: named.lang,
            provisional: named.provisional,
            display: `${named.label} (${code})`,
          },
        ];
      });
    },
    municipalities: (q: string, limit: number) => searchMunicipalities(db, q, limit),
    municipalitiesInBox: (box: { south: number; west: number; north: number; east: number }, limit: number) =>
      municipalitiesInBox(db, box, limit),
    provinces: () => listProvinces(db),
    nace: (q: string, limit: number) => searchNace(db, q, limit),
    desks: () => listDesks(db),
  };
}
export type ReferenceService = ReturnType<typeof createReferenceService>;

/** An ISCO group's name in a language, English where it has none, and whether the project wrote it. */
export function iscoName(
  r: { labelEn: string; labelFr: string | null; labelIt: string | null; labelItSource: string | null },
  lang: Lang,
): { label: string; lang: Lang; provisional: boolean } {
  const own = lang === 'it' ? r.labelIt : lang === 'fr' ? r.labelFr : r.labelEn;
  if (!own) return { label: r.labelEn, lang: 'en', provisional: false };
  return { label: own, lang, provisional: lang === 'it' && r.labelItSource === 'provisional' };
}
