import type { Lang } from './types.js';
import type { VocabularyName } from './value-labels.js';

/**
 * Sentence templates keyed by `component.reasonCode` (and `exclusion.code`), one per language.
 * Explanations are built only from these and the result's numbers, never from free text, so
 * what a person reads is exactly what the engine used (GDPR Art. 15(1)(h), AI Act Art. 86).
 * `{name}` is replaced by a parameter, written for people (PARAM_KINDS: dates, supply chains, kinds…);
 * `{name|singular|plural}` picks the form for a count, `#` standing for the number ("{days|# giorno|# giorni}").
 * No template may print a reason code, a component name, an enum value or a URI.
 */
export type TemplateTable = Readonly<Record<string, Readonly<Record<Lang, string>>>>;

export const TEMPLATES: TemplateTable = {
  'skills.no_requirements': {
    en: 'No specific skills were required.',
    it: 'Non erano richieste competenze specifiche.',
    fr: "Aucune compétence particulière n'était demandée.",
  },
  'skills.not_applicable': {
    en: 'Skills not compared: the asset lists none and none are known for the occupations that run it; the score counts occupation and distance only.',
    it: 'Competenze non confrontate: il bene non ne indica e non se ne conoscono per le professioni che lo utilizzano; il punteggio conta solo professione e distanza.',
    fr: "Compétences non comparées : le bien n'en indique aucune et aucune n'est connue pour les métiers qui l'utilisent ; le score ne compte que le métier et la distance.",
  },
  'skills.all_matched': {
    en: 'Has {required|the one required skill|all # required skills}.',
    it: "Possiede {required|l'unica competenza richiesta|tutte le # competenze richieste}.",
    fr: 'Possède {required|la compétence demandée|les # compétences demandées}.',
  },
  'skills.coverage': {
    en: 'Skills: {matched} of {required} held, {partial} partly (related or implied by past occupation), {missing} missing ({essentialMissing} essential).',
    it: 'Competenze: {matched} su {required} {matched|posseduta|possedute}, {partial} in parte (affini o implicite nella professione svolta), {missing|# mancante|# mancanti} ({essentialMissing|# essenziale|# essenziali}).',
    fr: 'Compétences : {matched} sur {required} {matched|détenue|détenues}, {partial} en partie (proches ou implicites dans le métier exercé), {missing|# manquante|# manquantes} ({essentialMissing|# essentielle|# essentielles}).',
  },
  'occupation.same_occupation': {
    en: 'Has worked in this occupation ({years|# year|# years} counted, at most 5).',
    it: 'Ha già svolto questa professione ({years|# anno considerato|# anni considerati}, al massimo 5).',
    fr: 'A déjà exercé ce métier ({years|# an pris en compte|# ans pris en compte}, 5 au plus).',
  },
  'occupation.isco4': {
    en: 'Has worked in a closely related occupation (same ISCO unit group): {occupation}.',
    it: 'Ha svolto una professione molto affine (stesso gruppo ISCO): {occupation}.',
    fr: 'A exercé un métier très proche (même groupe ISCO) : {occupation}.',
  },
  'occupation.isco3': {
    en: 'Has worked in a related occupation (same ISCO minor group): {occupation}.',
    it: 'Ha svolto una professione affine (stesso sottogruppo ISCO): {occupation}.',
    fr: 'A exercé un métier apparenté (même sous-groupe ISCO) : {occupation}.',
  },
  'occupation.isco2': {
    en: 'Has worked in the same broad field (ISCO sub-major group): {occupation}.',
    it: 'Ha lavorato nello stesso ambito professionale (sottogruppo principale ISCO): {occupation}.',
    fr: 'A travaillé dans le même domaine (sous-grand groupe ISCO) : {occupation}.',
  },
  'occupation.isco1': {
    en: 'Has worked in the same major occupational group: {occupation}.',
    it: 'Ha lavorato nello stesso grande gruppo professionale: {occupation}.',
    fr: 'A travaillé dans le même grand groupe de métiers : {occupation}.',
  },
  'occupation.unrelated': {
    en: 'No past occupation close to this one.',
    it: 'Nessuna professione svolta vicina a questa.',
    fr: 'Aucun métier exercé proche de celui-ci.',
  },
  'distance.within_both': {
    en: 'Lives {km} km away, within both the requested radius ({radiusKm} km) and their own mobility ({mobilityKm} km).',
    it: 'Abita a {km} km, entro il raggio richiesto ({radiusKm} km) e la propria mobilità ({mobilityKm} km).',
    fr: 'Habite à {km} km, dans le rayon demandé ({radiusKm} km) et dans sa propre mobilité ({mobilityKm} km).',
  },
  'distance.within_need_radius': {
    en: 'Lives {km} km away: within the requested radius ({radiusKm} km) but beyond their stated mobility ({mobilityKm} km).',
    it: 'Abita a {km} km: entro il raggio richiesto ({radiusKm} km) ma oltre la mobilità dichiarata ({mobilityKm} km).',
    fr: 'Habite à {km} km : dans le rayon demandé ({radiusKm} km) mais au-delà de la mobilité déclarée ({mobilityKm} km).',
  },
  'distance.within_mobility': {
    en: 'Lives {km} km away: beyond the requested radius ({radiusKm} km) but within their stated mobility ({mobilityKm} km).',
    it: 'Abita a {km} km: oltre il raggio richiesto ({radiusKm} km) ma entro la mobilità dichiarata ({mobilityKm} km).',
    fr: 'Habite à {km} km : au-delà du rayon demandé ({radiusKm} km) mais dans la mobilité déclarée ({mobilityKm} km).',
  },
  'distance.beyond_both': {
    en: 'Lives {km} km away, beyond both the requested radius ({radiusKm} km) and their mobility ({mobilityKm} km).',
    it: 'Abita a {km} km, oltre sia il raggio richiesto ({radiusKm} km) sia la propria mobilità ({mobilityKm} km).',
    fr: 'Habite à {km} km, au-delà du rayon demandé ({radiusKm} km) et de sa mobilité ({mobilityKm} km).',
  },
  'distance.km': {
    en: '{km} km from the requested place (radius {radiusKm} km).',
    it: 'A {km} km dal luogo richiesto (raggio {radiusKm} km).',
    fr: 'À {km} km du lieu demandé (rayon {radiusKm} km).',
  },
  'distance.to_asset': {
    en: 'Lives {km} km from the asset, within their stated mobility ({mobilityKm} km).',
    it: 'Abita a {km} km dal bene, entro la mobilità dichiarata ({mobilityKm} km).',
    fr: 'Habite à {km} km du bien, dans sa mobilité déclarée ({mobilityKm} km).',
  },
  'distance.time_within_both': {
    en: 'Lives {minutes} away {route}, within both the requested reach ({needMinutes}, {radiusKm} km) and their own mobility ({mobilityMinutes}).',
    it: 'Abita a {minutes} {route}, entro il raggio richiesto ({needMinutes}, {radiusKm} km) e la propria mobilità ({mobilityMinutes}).',
    fr: 'Habite à {minutes} {route}, dans le rayon demandé ({needMinutes}, {radiusKm} km) et dans sa propre mobilité ({mobilityMinutes}).',
  },
  'distance.time_within_need': {
    en: 'Lives {minutes} away {route}: within the requested reach ({needMinutes}, {radiusKm} km) but beyond their stated mobility ({mobilityMinutes}).',
    it: 'Abita a {minutes} {route}: entro il raggio richiesto ({needMinutes}, {radiusKm} km) ma oltre la mobilità dichiarata ({mobilityMinutes}).',
    fr: 'Habite à {minutes} {route} : dans le rayon demandé ({needMinutes}, {radiusKm} km) mais au-delà de la mobilité déclarée ({mobilityMinutes}).',
  },
  'distance.time_within_mobility': {
    en: 'Lives {minutes} away {route}: beyond the requested reach ({needMinutes}, {radiusKm} km) but within their stated mobility ({mobilityMinutes}).',
    it: 'Abita a {minutes} {route}: oltre il raggio richiesto ({needMinutes}, {radiusKm} km) ma entro la mobilità dichiarata ({mobilityMinutes}).',
    fr: 'Habite à {minutes} {route} : au-delà du rayon demandé ({needMinutes}, {radiusKm} km) mais dans la mobilité déclarée ({mobilityMinutes}).',
  },
  'distance.time_weekly_ferry': {
    en: 'Lives {minutes} away {route}: beyond a daily commute ({mobilityMinutes}), but accepts a weekly ferry commute.',
    it: 'Abita a {minutes} {route}: oltre il pendolarismo quotidiano ({mobilityMinutes}), ma accetta il traghetto settimanale.',
    fr: 'Habite à {minutes} {route} : au-delà d’un trajet quotidien ({mobilityMinutes}), mais accepte une traversée hebdomadaire en ferry.',
  },
  'distance.time_beyond_both': {
    en: 'Lives {minutes} away {route}, beyond both the requested reach ({needMinutes}, {radiusKm} km) and their mobility ({mobilityMinutes}).',
    it: 'Abita a {minutes} {route}, oltre sia il raggio richiesto ({needMinutes}, {radiusKm} km) sia la propria mobilità ({mobilityMinutes}).',
    fr: 'Habite à {minutes} {route}, au-delà du rayon demandé ({needMinutes}, {radiusKm} km) et de sa mobilité ({mobilityMinutes}).',
  },
  'distance.time_to_asset': {
    en: 'Lives {minutes} from the asset {route}, within their stated mobility ({mobilityMinutes}).',
    it: 'Abita a {minutes} dal bene {route}, entro la mobilità dichiarata ({mobilityMinutes}).',
    fr: 'Habite à {minutes} du bien {route}, dans sa mobilité déclarée ({mobilityMinutes}).',
  },
  'distance.time_beyond_mobility': {
    en: 'Lives {minutes} from the asset {route}, beyond their stated mobility ({mobilityMinutes}).',
    it: 'Abita a {minutes} dal bene {route}, oltre la mobilità dichiarata ({mobilityMinutes}).',
    fr: 'Habite à {minutes} du bien {route}, au-delà de sa mobilité déclarée ({mobilityMinutes}).',
  },
  'distance.no_route': {
    en: 'No all-year ferry link reaches their home.',
    it: 'Nessun collegamento marittimo annuale raggiunge la sua residenza.',
    fr: "Aucune liaison maritime à l'année ne rejoint son domicile.",
  },
  'distance.beyond_mobility': {
    en: 'Lives {km} km from the asset, beyond their stated mobility ({mobilityKm} km).',
    it: 'Abita a {km} km dal bene, oltre la mobilità dichiarata ({mobilityKm} km).',
    fr: 'Habite à {km} km du bien, au-delà de sa mobilité déclarée ({mobilityKm} km).',
  },
  'languages.not_required': {
    en: 'No language was required.',
    it: 'Nessuna lingua richiesta.',
    fr: 'Aucune langue demandée.',
  },
  'languages.all_met': {
    en: 'Meets the required language levels.',
    it: 'Ha i livelli di lingua richiesti.',
    fr: 'A les niveaux de langue demandés.',
  },
  'languages.below_minimum': {
    en: 'Below the required level in: {missing}.',
    it: 'Sotto il livello richiesto in: {missing}.',
    fr: 'En dessous du niveau demandé en : {missing}.',
  },
  'qualification.not_required': {
    en: 'No minimum qualification was required.',
    it: 'Nessun titolo minimo richiesto.',
    fr: 'Aucun niveau de qualification minimum demandé.',
  },
  'qualification.unknown': {
    en: 'Qualification level not recorded (EQF {min} required); counted as neutral.',
    it: 'Livello del titolo non registrato (richiesto EQF {min}); considerato neutro.',
    fr: 'Niveau de qualification non renseigné (CEC {min} demandé) ; compté comme neutre.',
  },
  'qualification.met': {
    en: 'Qualification EQF {eqf} meets the minimum EQF {min}.',
    it: 'Titolo EQF {eqf}, pari o superiore al minimo EQF {min}.',
    fr: 'Qualification CEC {eqf}, au moins égale au minimum CEC {min}.',
  },
  'qualification.below': {
    en: 'Qualification EQF {eqf} is below the minimum EQF {min}.',
    it: 'Titolo EQF {eqf}, inferiore al minimo EQF {min}.',
    fr: 'Qualification CEC {eqf}, inférieure au minimum CEC {min}.',
  },
  'availability.no_start_date': {
    en: 'No start date was set.',
    it: 'Nessuna data di inizio indicata.',
    fr: "Aucune date de début n'est fixée.",
  },
  'availability.available': {
    en: 'Available by the start date ({startDate}).',
    it: 'Disponibile entro la data di inizio ({startDate}).',
    fr: 'Disponible à la date de début ({startDate}).',
  },
  'availability.late': {
    en: 'Available {days|# day|# days} after the start date ({startDate}).',
    it: 'Disponibile {days|# giorno|# giorni} dopo la data di inizio ({startDate}).',
    fr: 'Disponible {days|# jour|# jours} après la date de début ({startDate}).',
  },
  'supplyChain.not_required': {
    en: 'No supply chain was specified.',
    it: 'Nessuna filiera indicata.',
    fr: "Aucune filière n'est indiquée.",
  },
  'supplyChain.same_chain': {
    en: 'Has worked in the same supply chain ({chain}).',
    it: 'Ha lavorato nella stessa filiera ({chain}).',
    fr: 'A travaillé dans la même filière ({chain}).',
  },
  'supplyChain.same_nace': {
    en: 'Has worked in the same economic sector (NACE {nace}).',
    it: 'Ha lavorato nello stesso settore economico (NACE {nace}).',
    fr: 'A travaillé dans le même secteur économique (NACE {nace}).',
  },
  'supplyChain.none': {
    en: 'No past work in this supply chain or sector.',
    it: 'Nessuna esperienza in questa filiera o settore.',
    fr: "Pas d'expérience dans cette filière ou ce secteur.",
  },
  'crisisCase.same_case': {
    en: "Comes from the opportunity's own crisis case.",
    it: "Proviene dalla stessa crisi aziendale dell'opportunità.",
    fr: "Vient du même dossier de crise que l'opportunité.",
  },
  'crisisCase.other_case': {
    en: 'Comes from another crisis case or none.',
    it: "Proviene da un'altra crisi aziendale o da nessuna.",
    fr: "Vient d'un autre dossier de crise ou d'aucun.",
  },
  'path.wanted': {
    en: 'Has said they are interested in this path ({kind}).',
    it: 'Ha dichiarato interesse per questo percorso ({kind}).',
    fr: 'A déclaré un intérêt pour ce parcours ({kind}).',
  },
  'path.not_stated': {
    en: 'Has not said they are interested in this path ({kind}).',
    it: 'Non ha dichiarato interesse per questo percorso ({kind}).',
    fr: "N'a pas déclaré d'intérêt pour ce parcours ({kind}).",
  },
  'price.unknown': { en: 'Price not stated.', it: 'Prezzo non indicato.', fr: 'Prix non indiqué.' },
  'price.no_budget': {
    en: 'Costs {cost} EUR; no budget was given.',
    it: 'Costa {cost} EUR; nessun budget indicato.',
    fr: 'Coûte {cost} EUR ; aucun budget indiqué.',
  },
  'price.free_loan': {
    en: 'Free loan (comodato): costs nothing.',
    it: 'Comodato gratuito: non costa nulla.',
    fr: 'Prêt gratuit (commodat) : ne coûte rien.',
  },
  'price.rent_no_budget': {
    en: 'Rent {cost} EUR a month; no monthly budget was given.',
    it: 'Canone di {cost} EUR al mese; nessun budget mensile indicato.',
    fr: 'Loyer de {cost} EUR par mois ; aucun budget mensuel indiqué.',
  },
  'price.within_rent_budget': {
    en: 'Rent {cost} EUR a month, within the monthly budget of {budget} EUR.',
    it: 'Canone di {cost} EUR al mese, entro il budget mensile di {budget} EUR.',
    fr: 'Loyer de {cost} EUR par mois, dans le budget mensuel de {budget} EUR.',
  },
  'price.within_budget': {
    en: 'Costs {cost} EUR, within the budget of {budget} EUR.',
    it: 'Costa {cost} EUR, entro il budget di {budget} EUR.',
    fr: 'Coûte {cost} EUR, dans le budget de {budget} EUR.',
  },
  'size.not_required': {
    en: 'No size was required.',
    it: 'Nessuna dimensione richiesta.',
    fr: 'Aucune taille demandée.',
  },
  'size.area': {
    en: '{area} m² for at least {min} m² requested.',
    it: '{area} m² per almeno {min} m² richiesti.',
    fr: '{area} m² pour au moins {min} m² demandés.',
  },
  'readiness.ready': {
    en: 'Available from {availableFrom}, in time.',
    it: 'Disponibile dal {availableFrom}, in tempo.',
    fr: 'Disponible à partir du {availableFrom}, à temps.',
  },
  'readiness.later': {
    en: 'Available only from {availableFrom}.',
    it: 'Disponibile solo dal {availableFrom}.',
    fr: 'Disponible seulement à partir du {availableFrom}.',
  },
  'exclusion.travel_beyond_both': {
    en: 'Excluded: {minutes} away {route}, beyond both the requested reach ({needMinutes}, {radiusKm} km) and the mobility ({mobilityMinutes}).',
    it: 'Escluso: a {minutes} {route}, oltre il raggio richiesto ({needMinutes}, {radiusKm} km) e la mobilità ({mobilityMinutes}).',
    fr: 'Exclu : à {minutes} {route}, au-delà du rayon demandé ({needMinutes}, {radiusKm} km) et de la mobilité ({mobilityMinutes}).',
  },
  'exclusion.travel_beyond_mobility': {
    en: 'Excluded: {minutes} away {route}, beyond the stated mobility ({mobilityMinutes}).',
    it: 'Escluso: a {minutes} {route}, oltre la mobilità dichiarata ({mobilityMinutes}).',
    fr: 'Exclu : à {minutes} {route}, au-delà de la mobilité déclarée ({mobilityMinutes}).',
  },
  'exclusion.travel_no_route': {
    en: 'Excluded: no all-year ferry link reaches their home ({km} km as the crow flies).',
    it: "Escluso: nessun collegamento marittimo annuale raggiunge la sua residenza ({km} km in linea d'aria).",
    fr: "Exclu : aucune liaison maritime à l'année ne rejoint son domicile ({km} km à vol d'oiseau).",
  },
  'exclusion.distance_beyond_both': {
    en: 'Excluded: {km} km away, beyond both the radius ({radiusKm} km) and the mobility ({mobilityKm} km).',
    it: 'Escluso: a {km} km, oltre il raggio ({radiusKm} km) e la mobilità ({mobilityKm} km).',
    fr: 'Exclu : à {km} km, au-delà du rayon ({radiusKm} km) et de la mobilité ({mobilityKm} km).',
  },
  'exclusion.beyond_mobility': {
    en: 'Excluded: {km} km away, beyond the stated mobility ({mobilityKm} km).',
    it: 'Escluso: a {km} km, oltre la mobilità dichiarata ({mobilityKm} km).',
    fr: 'Exclu : à {km} km, au-delà de la mobilité déclarée ({mobilityKm} km).',
  },
  'exclusion.asset_not_available': {
    en: 'Not available (status {status}).',
    it: 'Non disponibile (stato {status}).',
    fr: 'Non disponible (statut {status}).',
  },
  'exclusion.kind': {
    en: 'Wrong kind: {actual}, {required} requested.',
    it: 'Tipo diverso: {actual}, richiesto {required}.',
    fr: 'Type différent : {actual}, {required} demandé.',
  },
  'exclusion.category': {
    en: 'Wrong category: {actual}, {required} requested.',
    it: 'Categoria diversa: {actual}, richiesta {required}.',
    fr: 'Catégorie différente : {actual}, {required} demandée.',
  },
  'exclusion.min_area': {
    en: 'Area {actual} m², at least {required} m² requested.',
    it: 'Superficie {actual} m², richiesti almeno {required} m².',
    fr: 'Surface {actual} m², au moins {required} m² demandés.',
  },
  'exclusion.max_area': {
    en: 'Area {actual} m², at most {required} m² requested.',
    it: 'Superficie {actual} m², richiesti al massimo {required} m².',
    fr: 'Surface {actual} m², au plus {required} m² demandés.',
  },
  'exclusion.min_power': {
    en: 'Power {actual} kW, at least {required} kW requested.',
    it: 'Potenza {actual} kW, richiesti almeno {required} kW.',
    fr: 'Puissance {actual} kW, au moins {required} kW demandés.',
  },
  'exclusion.min_crane': {
    en: 'Crane {actual} t, at least {required} t requested.',
    it: 'Carroponte {actual} t, richieste almeno {required} t.',
    fr: 'Pont roulant {actual} t, au moins {required} t demandées.',
  },
  'exclusion.quay': {
    en: 'No quay access, which was requested.',
    it: 'Senza accesso in banchina, richiesto.',
    fr: 'Pas d’accès à quai, pourtant demandé.',
  },
  'exclusion.radius': {
    en: '{km} km away, beyond the {radiusKm} km radius.',
    it: 'A {km} km, oltre il raggio di {radiusKm} km.',
    fr: 'À {km} km, au-delà du rayon de {radiusKm} km.',
  },
  'exclusion.available_too_late': {
    en: 'Available from {availableFrom}, after {byDate}.',
    it: 'Disponibile dal {availableFrom}, dopo il {byDate}.',
    fr: 'Disponible à partir du {availableFrom}, après le {byDate}.',
  },
  'exclusion.expired': {
    en: 'No longer available after {availableUntil}.',
    it: 'Non più disponibile dopo il {availableUntil}.',
    fr: 'Plus disponible après le {availableUntil}.',
  },
  'exclusion.mode': {
    en: 'Offered as {actual}, which does not fit the requested mode ({required}).',
    it: 'Offerto come {actual}, che non corrisponde alla modalità richiesta ({required}).',
    fr: 'Proposé en {actual}, ce qui ne correspond pas au mode demandé ({required}).',
  },
  'exclusion.no_operator_basis': {
    en: 'No basis to rank operators: the asset lists no required skills and its category ({category}) names no operating occupation.',
    it: 'Nessuna base per proporre operatori: il bene non indica competenze richieste e la sua categoria ({category}) non corrisponde a una professione che lo utilizza.',
    fr: "Aucune base pour proposer des opérateurs : le bien n'indique aucune compétence requise et sa catégorie ({category}) ne correspond à aucun métier qui l'utilise.",
  },
  'exclusion.rent_budget': {
    en: 'Rent {actual} EUR a month, over the monthly budget of {budget} EUR.',
    it: 'Canone di {actual} EUR al mese, oltre il budget mensile di {budget} EUR.',
    fr: 'Loyer de {actual} EUR par mois, au-delà du budget mensuel de {budget} EUR.',
  },
  'exclusion.budget': {
    en: 'Costs {actual} EUR, over the budget of {budget} EUR.',
    it: 'Costa {actual} EUR, oltre il budget di {budget} EUR.',
    fr: 'Coûte {actual} EUR, au-delà du budget de {budget} EUR.',
  },
};

/**
 * Plain words for the stable codes that appear as reason parameters (modes, availabilities, kinds,
 * statuses, asset categories), so a why-not never shows a raw code such as `free_loan`.
 */
export const VOCABULARY: TemplateTable = {
  buy: { en: 'purchase', it: 'acquisto', fr: 'achat' },
  lease: { en: 'lease', it: 'locazione', fr: 'location' },
  either: { en: 'purchase or lease', it: 'acquisto o locazione', fr: 'achat ou location' },
  sale: { en: 'sale', it: 'vendita', fr: 'vente' },
  free_loan: { en: 'free loan', it: 'comodato gratuito', fr: 'prêt gratuit (commodat)' },
  auction: { en: 'auction', it: 'asta', fr: 'enchères' },
  machine: { en: 'machine', it: 'macchinario', fr: 'machine' },
  equipment: { en: 'equipment', it: 'attrezzatura', fr: 'équipement' },
  plant: { en: 'plant', it: 'impianto', fr: 'installation' },
  area: { en: 'industrial area', it: 'area industriale', fr: 'zone industrielle' },
  building: { en: 'building', it: 'capannone', fr: 'bâtiment' },
  draft: { en: 'draft', it: 'bozza', fr: 'brouillon' },
  available: { en: 'available', it: 'disponibile', fr: 'disponible' },
  reserved: { en: 'reserved', it: 'riservato', fr: 'réservé' },
  assigned: { en: 'assigned', it: 'assegnato', fr: 'attribué' },
  withdrawn: { en: 'withdrawn', it: 'ritirato', fr: 'retiré' },
  expired: { en: 'expired', it: 'scaduto', fr: 'expiré' },
  machine_tools: { en: 'machine tools', it: 'macchine utensili', fr: 'machines-outils' },
  welding: { en: 'welding', it: 'saldatura', fr: 'soudage' },
  lifting_cranes: { en: 'lifting and cranes', it: 'sollevamento e gru', fr: 'levage et grues' },
  marine_equipment: { en: 'marine equipment', it: 'attrezzature navali', fr: 'équipement marin' },
  cold_storage: { en: 'cold storage', it: 'celle frigorifere', fr: 'entreposage frigorifique' },
  food_processing: {
    en: 'food processing',
    it: 'trasformazione alimentare',
    fr: 'transformation alimentaire',
  },
  workshop: { en: 'workshop', it: 'officina', fr: 'atelier' },
  warehouse: { en: 'warehouse', it: 'magazzino', fr: 'entrepôt' },
  office: { en: 'office', it: 'ufficio', fr: 'bureau' },
  shipyard: { en: 'shipyard', it: 'cantiere navale', fr: 'chantier naval' },
  energy: { en: 'energy', it: 'energia', fr: 'énergie' },
  vehicles: { en: 'vehicles', it: 'veicoli', fr: 'véhicules' },
  yard: { en: 'yard', it: 'piazzale', fr: 'terre-plein' },
  other: { en: 'other', it: 'altro', fr: 'autre' },
};

export const SUMMARY: Readonly<Record<Lang, string>> = {
  en: 'Recommendation only, to be reviewed by an operator. Score {score} out of 100, from these elements:',
  it: 'Solo una proposta, da verificare da parte di un operatore. Punteggio {score} su 100, dato da questi elementi:',
  fr: 'Simple recommandation, à vérifier par un conseiller. Score {score} sur 100, à partir de ces éléments :',
};

export const EXCLUDED: Readonly<Record<Lang, string>> = {
  en: 'Not ranked, because:',
  it: 'Non in graduatoria, perché:',
  fr: 'Non classé, car :',
};

export const SKILL_LISTS: Readonly<
  Record<'matched' | 'partial' | 'missing', Readonly<Record<Lang, string>>>
> = {
  matched: {
    en: 'Skills held: {list}.',
    it: 'Competenze possedute: {list}.',
    fr: 'Compétences détenues : {list}.',
  },
  partial: {
    en: 'Skills partly matched: {list}.',
    it: 'Competenze in parte corrispondenti: {list}.',
    fr: 'Compétences en partie présentes : {list}.',
  },
  missing: {
    en: 'Skills missing: {list}.',
    it: 'Competenze mancanti: {list}.',
    fr: 'Compétences manquantes : {list}.',
  },
};

/**
 * How a text parameter is written: a date, a list of language levels, the label of an ESCO URI, or a word
 * of a vocabulary. Numbers are always written as numbers (a count named `missing` stays a count).
 */
export type ParamKind = VocabularyName | 'date' | 'languageLevels' | 'concept' | 'duration' | 'travelRoute';

/** Parameter kinds by name, for every template. */
export const PARAM_KINDS: Readonly<Record<string, ParamKind>> = {
  startDate: 'date',
  availableFrom: 'date',
  availableUntil: 'date',
  byDate: 'date',
  chain: 'supplyChain',
  missing: 'languageLevels',
  occupation: 'concept',
  minutes: 'duration',
  needMinutes: 'duration',
  mobilityMinutes: 'duration',
  route: 'travelRoute',
};

/** Parameter kinds that depend on the template (the same name means different things). */
export const TEMPLATE_PARAM_KINDS: Readonly<Record<string, Readonly<Record<string, ParamKind>>>> = {
  'path.wanted': { kind: 'opportunityKind' },
  'path.not_stated': { kind: 'opportunityKind' },
  'exclusion.asset_not_available': { status: 'assetStatus' },
  'exclusion.kind': { actual: 'assetKind', required: 'assetKind' },
  'exclusion.category': { actual: 'assetCategory', required: 'assetCategory' },
  'exclusion.mode': { actual: 'availability', required: 'acquisitionMode' },
};

/** What each score component is called on screen (the UI shows these, never the component's code). */
export const COMPONENT_TITLES: Readonly<Record<string, Readonly<Record<Lang, string>>>> = {
  skills: { it: 'Competenze', fr: 'Compétences', en: 'Skills' },
  occupation: { it: 'Professione', fr: 'Métier', en: 'Occupation' },
  distance: { it: 'Distanza', fr: 'Distance', en: 'Distance' },
  languages: { it: 'Lingue', fr: 'Langues', en: 'Languages' },
  qualification: { it: 'Titolo di studio', fr: 'Qualification', en: 'Qualification' },
  availability: { it: 'Disponibilità', fr: 'Disponibilité', en: 'Availability' },
  supplyChain: { it: 'Esperienza di filiera', fr: 'Expérience de la filière', en: 'Supply-chain experience' },
  crisisCase: { it: 'Crisi di provenienza', fr: "Dossier de crise d'origine", en: 'Crisis of origin' },
  path: { it: 'Percorso desiderato', fr: 'Parcours souhaité', en: 'Desired path' },
  price: { it: 'Prezzo', fr: 'Prix', en: 'Price' },
  size: { it: 'Dimensioni', fr: 'Dimensions', en: 'Size' },
  readiness: { it: 'Disponibilità del bene', fr: 'Disponibilité du bien', en: 'Asset availability' },
};

/** Words used when a label is missing: never a URI or a code. */
export const UNNAMED: Readonly<Record<Lang, string>> = {
  it: 'una professione affine',
  fr: 'un métier proche',
  en: 'a related occupation',
};

/** How a route is said: by road, or by road and ferry via the crossing ports. */
export const TRAVEL_ROUTE: Readonly<Record<'road' | 'ferry', Readonly<Record<Lang, string>>>> = {
  road: { it: 'su strada', fr: 'par la route', en: 'by road' },
  ferry: {
    it: 'su strada e traghetto via {ports}',
    fr: 'par la route et le ferry via {ports}',
    en: 'by road and ferry via {ports}',
  },
};
