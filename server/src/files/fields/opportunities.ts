import type { FieldDef } from '../field-def.js';
import { OPPORTUNITY_TYPES, OPPORTUNITY_STATUS } from '../enum-values.js';
import { L, municipality, crisisCaseRef, supplyChains, externalRef, money } from './shared.js';

/** A venture (buy-out, spin-off, start-up…) and the roles and assets it needs. */
export const OPPORTUNITIES_FIELDS: readonly FieldDef[] = [
  externalRef('OPP-2026-003'),
  {
    name: 'title',
    type: 'text',
    required: true,
    label: L('Titolo', 'Intitulé', 'Title'),
    aliases: ['nome', 'titre', 'name'],
    maxLength: 300,
    example: 'WBO Officine Meccaniche',
  },
  {
    name: 'opportunityType',
    type: 'enum',
    required: true,
    label: L('Tipo di opportunità', 'Type d’opportunité', 'Opportunity type'),
    aliases: ['tipo', 'type', 'opportunita'],
    enumValues: OPPORTUNITY_TYPES,
    example: 'wbo',
  },
  {
    name: 'description',
    type: 'text',
    label: L('Descrizione', 'Description', 'Description'),
    maxLength: 10_000,
    example: '',
  },
  {
    name: 'sourceFirmVat',
    type: 'text',
    label: L('P. IVA impresa di origine', 'SIRET de l’entreprise d’origine', 'Source firm VAT / SIRET'),
    aliases: ['impresa di origine', 'entreprise d origine', 'source firm'],
    maxLength: 20,
    example: 'IT01234567890',
  },
  crisisCaseRef,
  municipality,
  {
    name: 'roles',
    type: 'list',
    label: L('Ruoli richiesti', 'Rôles recherchés', 'Required roles'),
    aliases: ['ruoli', 'figure richieste', 'roles', 'postes recherches'],
    example: ['tornitore x 3', 'saldatore x 2'],
  },
  {
    name: 'assets',
    type: 'list',
    label: L(
      'Beni inclusi (n. inventario)',
      'Biens inclus (n° d’inventaire)',
      'Included assets (inventory numbers)',
    ),
    aliases: ['beni', 'risorse', 'biens', 'assets'],
    example: ['INV-2026-0042'],
  },
  money(
    'capitalNeededEur',
    L('Capitale necessario (€)', 'Capital nécessaire (€)', 'Capital needed (€)'),
    ['capitale', 'capitale necessario', 'capital', 'capital needed'],
    250000,
  ),
  {
    name: 'deadline',
    type: 'date',
    label: L('Scadenza', 'Échéance', 'Deadline'),
    aliases: ['termine', 'date limite', 'due date'],
    example: '2026-09-30',
  },
  supplyChains,
  {
    name: 'status',
    type: 'enum',
    label: L('Stato', 'Statut', 'Status'),
    aliases: ['etat'],
    enumValues: OPPORTUNITY_STATUS,
    example: 'open',
  },
];
