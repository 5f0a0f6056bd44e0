import type { IndexName } from './documents.js';

/**
 * Asset vocabulary across Italian, French and English, used as mutual synonyms by every adapter.
 * Each group is one concept; a term may be several words ("pont roulant"). Terms are written as people
 * type them; adapters fold case and accents. Keep groups narrow: a synonym widens every search that
 * uses it, so "gru" and "carroponte" stay separate concepts.
 */
export const GLOSSARY: readonly (readonly string[])[] = [
  // buildings and sites
  ['capannone', 'capannoni', 'hangar', 'hangars', 'entrepôt', 'entrepôts', 'warehouse', 'shed', 'magazzino'],
  ['banchina', 'banchine', 'quai', 'quais', 'quay', 'wharf'],
  ['area industriale', 'zona industriale', 'zone industrielle', 'industrial area', 'industrial estate'],
  ['impianto', 'impianti', 'installation', 'plant', 'stabilimento', 'usine', 'factory'],
  ['officina', 'atelier', 'workshop'],
  ['ufficio', 'uffici', 'bureau', 'bureaux', 'office', 'offices'],
  ['piazzale', 'terre-plein', 'yard', 'open yard'],
  ['terreno', 'terrain', 'land plot', 'lotto'],
  ['baia di carico', 'quai de chargement', 'loading bay', 'loading dock'],
  ['darsena', 'bassin', 'dock basin'],
  ['bacino di carenaggio', 'cale sèche', 'forme de radoub', 'dry dock', 'drydock'],
  ['scalo di alaggio', 'cale de halage', 'slipway', 'scivolo'],
  ['cantiere navale', 'chantier naval', 'shipyard', 'boatyard'],
  ['porto', 'port', 'harbour', 'harbor'],
  ['concessione demaniale', 'concession maritime', 'maritime concession'],
  ['rimessaggio', 'hivernage', 'boat storage'],
  ['pontile', 'ponton', 'jetty', 'pontoon'],
  // lifting and handling
  ['carroponte', 'pont roulant', 'overhead crane', 'bridge crane'],
  ['gru', 'grue', 'crane'],
  ['gru a portale', 'portique', 'gantry crane'],
  ['travel lift', 'travelift', 'élévateur à bateaux', 'boat hoist', 'alaggio mobile'],
  ['carrello elevatore', 'muletto', 'chariot élévateur', 'forklift'],
  ['paranco', 'palan', 'hoist'],
  // metalworking
  ['tornio', 'torni', 'tour', 'lathe'],
  ['fresatrice', 'fraiseuse', 'milling machine', 'mill'],
  ['saldatrice', 'poste à souder', 'welding machine', 'welder set'],
  ['centro di lavoro', 'centre d usinage', 'machining centre', 'machining center'],
  ['pressa', 'presse', 'press'],
  ['piegatrice', 'presse plieuse', 'plieuse', 'press brake', 'bending machine'],
  ['cesoia', 'cisaille', 'shear', 'shearing machine'],
  ['taglio laser', 'découpe laser', 'laser cutter', 'laser cutting'],
  ['taglio plasma', 'découpe plasma', 'plasma cutter'],
  ['trapano a colonna', 'perceuse à colonne', 'drill press', 'pillar drill'],
  ['rettificatrice', 'rectifieuse', 'grinding machine', 'grinder'],
  ['sabbiatrice', 'sableuse', 'sandblaster', 'sabbiatura', 'sablage', 'sandblasting'],
  ['cabina di verniciatura', 'cabine de peinture', 'paint booth', 'spray booth'],
  ['compressore', 'compresseur', 'compressor'],
  ['carpenteria metallica', 'charpente métallique', 'steel structures', 'metal fabrication'],
  // food and cold chain
  ['cella frigorifera', 'celle frigorifere', 'chambre froide', 'chambres froides', 'cold room', 'cold store'],
  ['abbattitore', 'cellule de refroidissement', 'blast chiller'],
  ['magazzino frigorifero', 'entrepôt frigorifique', 'cold storage warehouse', 'refrigerated warehouse'],
  ['linea di confezionamento', 'ligne de conditionnement', 'packaging line'],
  ['forno', 'four', 'oven', 'kiln'],
  ['frantoio', 'moulin à huile', 'oil mill', 'olive press'],
  ['cantina', 'chai', 'cave', 'winery', 'wine cellar'],
  ['caseificio', 'fromagerie', 'dairy', 'cheese factory'],
  ['impianto di acquacoltura', 'ferme aquacole', 'aquaculture farm', 'fish farm', 'allevamento ittico'],
  ['peschereccio', 'chalutier', 'bateau de pêche', 'fishing vessel', 'fishing boat'],
  ['mercato ittico', 'criée', 'fish market', 'fish auction'],
  // energy
  ['fotovoltaico', 'photovoltaïque', 'photovoltaic', 'solar panels', 'pannelli solari', 'panneaux solaires'],
  ['eolico', 'éolien', 'wind turbine', 'pala eolica', 'éolienne'],
  ['cabina elettrica', 'poste de transformation', 'transformateur', 'electrical substation', 'transformer'],
  ['gruppo elettrogeno', 'groupe électrogène', 'generator set', 'genset'],
  ['caldaia', 'chaudière', 'boiler'],
  ['serbatoio', 'citerne', 'réservoir', 'tank'],
  // tourism and hospitality
  ['albergo', 'hotel', 'hôtel'],
  ['campeggio', 'camping', 'campsite'],
  ['stabilimento balneare', 'plage privée', 'beach club', 'lido'],
  ['ristorante', 'restaurant'],
  ['cucina industriale', 'cuisine professionnelle', 'commercial kitchen'],
  // vehicles and logistics
  ['autocarro', 'camion', 'truck', 'lorry'],
  ['container', 'conteneur', 'shipping container'],
  ['scaffalatura', 'rayonnage', 'racking', 'shelving'],
  ['ponteggio', 'échafaudage', 'scaffolding'],
];

/**
 * The indexes the glossary applies to: assets, and needs (which ask for assets). People, firms and
 * opportunities are searched by their own words only: "capannone" is a shed, and must not find the
 * warehouse workers whose occupation says "warehouse" or "magazzino".
 */
export const GLOSSARY_INDEXES: ReadonlySet<IndexName> = new Set<IndexName>(['assets', 'needs']);

/** The synonym groups an index uses (none for the indexes outside GLOSSARY_INDEXES). */
export function glossaryFor(index: IndexName): readonly (readonly string[])[] {
  return GLOSSARY_INDEXES.has(index) ? GLOSSARY : [];
}
