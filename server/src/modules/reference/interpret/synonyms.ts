/**
 * Trade abbreviations and everyday words that ESCO labels spell out another way, in Italian, French and
 * English. Each group is one idea; a query holding one term also looks for the others (scored a little
 * below the words written). Only what the labels lack or hide: "TIG" is in the Italian and French
 * labels but the English ones say "tungsten inert gas"; "muletto" is an Italian alternative label of the
 * forklift operator but no skill says it. Keep groups narrow: each widens every query that uses it.
 */
export const TRADE_SYNONYMS: readonly (readonly string[])[] = [
  ['tig', 'tungsten inert gas', 'gtaw'],
  ['mig', 'metal inert gas', 'gmaw'],
  ['mag', 'metal active gas'],
  ['elettrodo', 'electrode', 'électrode', 'shielded metal arc', 'mma'],
  ['cnc', 'computer numerical control', 'controllo numerico', 'commande numérique'],
  ['plc', 'programmable logic controller', 'automate programmable'],
  ['carroponte', 'gru a ponte', 'overhead crane', 'pont roulant', 'bridge crane'],
  ['muletto', 'carrello elevatore', 'forklift', 'chariot élévateur', 'cariste'],
  ['oss', 'operatore socio sanitario', 'operatore sociosanitario', 'healthcare assistant'],
  ['haccp', 'hazard analysis critical control points'],
  ['cantiere navale', 'chantier naval', 'shipyard'],
  ['navale', 'naval', 'marine', 'nautica'],
  ['nave', 'navi', 'ship', 'navire', 'bateau'],
  ['barca', 'barche', 'yacht', 'boat', 'imbarcazione', 'imbarcazioni'],
  ['cuoco', 'cuisinier', 'cook'],
  ['badante', 'assistente familiare', 'aide à domicile', 'home care'],
  ['autista', 'conducente', 'driver', 'chauffeur'],
  ['patente c', 'permis c', 'truck licence', 'camion', 'autocarro', 'truck'],
  ['frigorista', 'frigoriste', 'refrigeration technician', 'refrigerazione'],
  ['manutentore', 'manutenzione', 'maintenance'],
  ['magazziniere', 'magasinier', 'warehouse'],
  ['idraulico', 'plombier', 'plumber'],
  ['fresatore', 'fraiseur', 'milling'],
  ['tornitore', 'tourneur', 'lathe'],
];
