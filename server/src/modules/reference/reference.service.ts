import type { Database } from '../../db/client.js';
import {
  iscoGroupsByCode,
  listDesks,
  occupationIscoGroups,
  occupationSkills,
  preferredLabels,
  preferredLabelsWithLang,
  searchConcepts,
  searchMunicipalities,
  searchNace,
  type Lang,
} from './reference.repository.js';

export function createReferenceService(db: Database) {
  return {
    /** ESCO concepts for an autocomplete, labelled in the user's language (English where it has none). */
    async concepts(kind: 'occupation' | 'skill', q: string, lang: Lang, limit: number) {
      const hits = await searchConcepts(db, kind, q, limit);
      const uris = hits.map((h) => h.uri);
      const [labels, isco] = await Promise.all([
        preferredLabels(db, uris, lang),
        kind === 'occupation' ? occupationIscoGroups(db, uris) : Promise.resolve(new Map<string, string>()),
      ]);
      return hits.map((h) => ({
        uri: h.uri,
        label: labels.get(h.uri) ?? h.matched,
        matchedLabel: h.matched,
        iscoGroup: isco.get(h.uri) ?? null,
      }));
    },
    async occupationSkills(uri: string, lang: Lang) {
      const rows = await occupationSkills(db, uri);
      const labels = await preferredLabels(
        db,
        rows.map((s) => s.uri),
        lang,
      );
      const pick = (relation: string) =>
        rows
          .filter((s) => s.relation === relation)
          .map((s) => ({ uri: s.uri, label: labels.get(s.uri) ?? s.uri }));
      return { essential: pick('essential'), optional: pick('optional') };
    },
    /** Preferred labels of ESCO concepts in one language, saying which language each label is in. */
    async labels(uris: string[], lang: Lang) {
      const found = await preferredLabelsWithLang(db, [...new Set(uris)], lang);
      return [...found].map(([uri, l]) => ({ uri, label: l.label, lang: l.lang }));
    },
    /** ISCO-08 group names in one language (English where the language has none), saying which. */
    async iscoGroups(codes: string[], lang: Lang) {
      const rows = await iscoGroupsByCode(db, [...new Set(codes)]);
      return rows.map((r) => {
        const own = lang === 'it' ? r.labelIt : lang === 'fr' ? r.labelFr : r.labelEn;
        return { code: r.code, label: own ?? r.labelEn, lang: own ? lang : ('en' as Lang) };
      });
    },
    municipalities: (q: string, limit: number) => searchMunicipalities(db, q, limit),
    nace: (q: string, limit: number) => searchNace(db, q, limit),
    desks: () => listDesks(db),
  };
}
export type ReferenceService = ReturnType<typeof createReferenceService>;
