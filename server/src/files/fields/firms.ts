import type { FieldDef } from '../field-def.js';
import { SIZE_BANDS, FIRM_STATES } from '../enum-values.js';
import { L, municipality, supplyChains } from './shared.js';

/** A firm: its identifiers, activity, place, size and state. */
export const FIRMS_FIELDS: readonly FieldDef[] = [
  {
    name: 'vat',
    type: 'text',
    required: true,
    label: L('Partita IVA / SIRET', 'TVA / SIRET', 'VAT / SIRET'),
    aliases: [
      'partita iva',
      'p iva',
      'piva',
      'siret',
      'siren',
      'numero de tva',
      'tva intracommunautaire',
      'vat number',
      'vat',
    ],
    maxLength: 20,
    example: 'IT01234567890',
  },
  {
    name: 'name',
    type: 'text',
    required: true,
    label: L('Ragione sociale', 'Raison sociale', 'Company name'),
    aliases: [
      'denominazione',
      'nome impresa',
      'impresa',
      'azienda',
      'denomination',
      'nom de l entreprise',
      'entreprise',
      'company',
      'firm',
      'name',
    ],
    maxLength: 300,
    example: 'Cantiere Navale Esempio S.r.l.',
  },
  {
    name: 'naceCode',
    type: 'text',
    label: L('Codice ATECO / NACE', 'Code NAF / NACE', 'NACE code'),
    aliases: ['ateco', 'codice ateco', 'nace', 'naf', 'code naf', 'code ape', 'ape', 'nace rev 2'],
    maxLength: 10,
    example: '30.11',
  },
  supplyChains,
  municipality,
  {
    name: 'sizeBand',
    type: 'enum',
    label: L('Dimensione', 'Taille', 'Size band'),
    aliases: [
      'classe dimensionale',
      'dimensione impresa',
      'tranche d effectif',
      'taille entreprise',
      'company size',
      'size',
    ],
    enumValues: SIZE_BANDS,
    example: 'small',
  },
  {
    name: 'state',
    type: 'enum',
    label: L('Stato impresa', 'Situation de l’entreprise', 'Firm state'),
    aliases: ['stato', 'situazione', 'etat', 'situation', 'state', 'status'],
    enumValues: FIRM_STATES,
    example: 'in_crisis',
  },
];
