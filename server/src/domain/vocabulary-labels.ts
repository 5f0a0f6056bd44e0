/** IT/FR/EN labels of the closed vocabularies: indexed as search terms and used for localised exports. */
type Labels = { it: string; fr: string; en: string };

export const ASSET_KIND_LABELS: Record<string, Labels> = {
  machine: { it: 'macchinario', fr: 'machine', en: 'machine' },
  equipment: { it: 'attrezzatura', fr: 'équipement', en: 'equipment' },
  plant: { it: 'impianto', fr: 'installation', en: 'plant' },
  area: { it: 'area industriale', fr: 'zone industrielle', en: 'industrial area' },
  building: { it: 'capannone', fr: 'bâtiment', en: 'building' },
};

export const ASSET_CATEGORY_LABELS: Record<string, Labels> = {
  machine_tools: { it: 'macchine utensili', fr: 'machines-outils', en: 'machine tools' },
  welding: { it: 'saldatura', fr: 'soudage', en: 'welding' },
  lifting_cranes: { it: 'sollevamento e gru', fr: 'levage et grues', en: 'lifting and cranes' },
  marine_equipment: { it: 'attrezzature navali', fr: 'équipements marins', en: 'marine equipment' },
  cold_storage: { it: 'celle frigorifere', fr: 'entreposage frigorifique', en: 'cold storage' },
  food_processing: {
    it: 'trasformazione alimentare',
    fr: 'transformation alimentaire',
    en: 'food processing',
  },
  workshop: { it: 'officina', fr: 'atelier', en: 'workshop' },
  warehouse: { it: 'magazzino', fr: 'entrepôt', en: 'warehouse' },
  office: { it: 'uffici', fr: 'bureaux', en: 'offices' },
  shipyard: { it: 'cantiere navale', fr: 'chantier naval', en: 'shipyard' },
  energy: { it: 'energia', fr: 'énergie', en: 'energy' },
  vehicles: { it: 'veicoli', fr: 'véhicules', en: 'vehicles' },
  other: { it: 'altro', fr: 'autre', en: 'other' },
};

export const labelsOf = (table: Record<string, Labels>, code: string | null | undefined): string[] =>
  code && table[code] ? [...new Set(Object.values(table[code]))] : [];
