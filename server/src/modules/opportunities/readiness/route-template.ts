/**
 * The reference routes to readiness (issue 16): the steps a buy-out, spin-off, start-up or cooperative
 * goes through in Italy and in France, by kind, in IT/FR/EN, each with the law or the body it comes from.
 * An opportunity's checklist is made from its route once; the desk then dates, ticks and annotates it.
 * The sources are named so a desk officer can check a step against the text, not take our word for it;
 * they are the texts in force as we wrote this and must be reviewed when the law changes.
 */
import type { OPPORTUNITY_KINDS } from '../../../domain/vocabulary.js';

export const READINESS_LANGS = ['it', 'fr', 'en'] as const;
export type ReadinessLang = (typeof READINESS_LANGS)[number];
type Text = Record<ReadinessLang, string>;
export type OpportunityKind = (typeof OPPORTUNITY_KINDS)[number];

/** Where a step belongs on the route; the card groups the steps in this order. */
export const STAGES = ['plan', 'legal_form', 'financing', 'formalities'] as const;
export type Stage = (typeof STAGES)[number];

export interface RouteStep {
  code: string;
  stage: Stage;
  label: Text;
  detail: Text;
  sources: string[];
}

const STEPS: RouteStep[] = [
  // ------------------------------------------------------------------ Italy
  {
    code: 'it_plan_with_network',
    stage: 'plan',
    label: {
      it: "Studio di fattibilità e piano d'impresa",
      fr: "Étude de faisabilité et plan d'affaires",
      en: 'Feasibility study and business plan',
    },
    detail: {
      it: 'Con una centrale cooperativa (Legacoop, Confcooperative, AGCI) o un consulente: mercato, investimenti, fabbisogno di capitale, conto economico a tre anni.',
      fr: 'Avec une centrale coopérative (Legacoop, Confcooperative, AGCI) ou un conseil : marché, investissements, besoin en capital, compte de résultat à trois ans.',
      en: 'With a cooperative association (Legacoop, Confcooperative, AGCI) or an adviser: market, investment, capital needed, three-year income statement.',
    },
    sources: ['Legacoop, Confcooperative, AGCI — servizi di promozione cooperativa'],
  },
  {
    code: 'it_business_transfer',
    stage: 'plan',
    label: {
      it: "Affitto o acquisto dell'azienda o del ramo",
      fr: "Location-gérance ou rachat de l'entreprise ou de la branche",
      en: 'Lease or purchase of the business or branch',
    },
    detail: {
      it: "Trattativa con l'impresa o con il curatore; nelle procedure concorsuali la cooperativa dei lavoratori ha diritto di prelazione. Accordo sindacale sul trasferimento dei rapporti di lavoro.",
      fr: "Négociation avec l'entreprise ou le liquidateur ; dans les procédures collectives, la coopérative des salariés a un droit de préférence. Accord syndical sur le transfert des contrats.",
      en: "Negotiation with the firm or the insolvency administrator; in insolvency the workers' cooperative has a right of pre-emption. Union agreement on the transfer of employment.",
    },
    sources: [
      'D.L. 145/2013, art. 11 c. 2-3 (conv. L. 9/2014)',
      'Codice civile, art. 2112',
      'L. 428/1990, art. 47',
    ],
  },
  {
    code: 'it_coop_constitution',
    stage: 'legal_form',
    label: {
      it: 'Costituzione della società cooperativa',
      fr: 'Constitution de la société coopérative',
      en: 'Incorporation of the cooperative',
    },
    detail: {
      it: 'Atto pubblico dal notaio con statuto e regolamento del socio lavoratore; almeno 3 soci (9 per le regole della S.p.A.).',
      fr: "Acte notarié avec statuts et règlement de l'associé travailleur ; au moins 3 associés (9 pour le régime de la S.p.A.).",
      en: 'Notarial deed with articles and the worker-member regulation; at least 3 members (9 under the joint-stock rules).',
    },
    sources: ['Codice civile, artt. 2511-2548 (art. 2522)', 'L. 142/2001 (socio lavoratore)'],
  },
  {
    code: 'it_naspi_advance',
    stage: 'financing',
    label: {
      it: 'NASpI anticipata in unica soluzione',
      fr: 'NASpI versée en une fois (avance)',
      en: 'NASpI paid in advance as a lump sum',
    },
    detail: {
      it: "Ogni lavoratore che riceve la NASpI può chiederla in un'unica soluzione per sottoscrivere la quota di capitale; domanda all'INPS entro 30 giorni dalla sottoscrizione.",
      fr: "Chaque salarié indemnisé par la NASpI peut la demander en une fois pour souscrire sa part de capital ; demande à l'INPS dans les 30 jours de la souscription.",
      en: 'Each worker on NASpI may ask for it as one payment to subscribe their share of capital; application to INPS within 30 days of subscribing.',
    },
    sources: ['D.Lgs. 22/2015, art. 8', 'INPS, circolare 94/2015'],
  },
  {
    code: 'it_marcora_cfi',
    stage: 'financing',
    label: {
      it: 'Legge Marcora: intervento di CFI',
      fr: 'Loi Marcora : intervention de CFI',
      en: 'Marcora Law: CFI investment',
    },
    detail: {
      it: 'Partecipazione al capitale e finanziamenti di CFI – Cooperazione Finanza Impresa alle cooperative di lavoratori, in rapporto al capitale versato dai soci.',
      fr: 'Prise de participation et prêts de CFI – Cooperazione Finanza Impresa aux coopératives de salariés, en proportion du capital apporté par les associés.',
      en: "Equity and loans from CFI – Cooperazione Finanza Impresa to workers' cooperatives, in proportion to the capital the members put in.",
    },
    sources: ['L. 49/1985, Titolo II (Legge Marcora)', 'D.M. 4 gennaio 2021 (MISE)', 'CFI, www.cfi.it'],
  },
  {
    code: 'it_foncooper',
    stage: 'financing',
    label: { it: 'Foncooper', fr: 'Foncooper', en: 'Foncooper' },
    detail: {
      it: 'Finanziamento agevolato per gli investimenti delle cooperative, dove la Regione gestisce il fondo (Titolo I della Legge Marcora).',
      fr: 'Prêt bonifié pour les investissements des coopératives, là où la Région gère le fonds (titre I de la loi Marcora).',
      en: "Subsidised loan for cooperatives' investment, where the Region runs the fund (Title I of the Marcora Law).",
    },
    sources: ['L. 49/1985, Titolo I', 'D.Lgs. 112/1998 (trasferimento alle Regioni)'],
  },
  {
    code: 'it_mutual_funds',
    stage: 'financing',
    label: {
      it: 'Fondi mutualistici della cooperazione',
      fr: 'Fonds mutualistes de la coopération',
      en: 'Cooperative mutual funds',
    },
    detail: {
      it: 'Capitale o prestiti da Coopfond, Fondosviluppo o General Fond, secondo la centrale a cui la cooperativa aderisce.',
      fr: 'Capital ou prêts de Coopfond, Fondosviluppo ou General Fond, selon la centrale à laquelle la coopérative adhère.',
      en: 'Equity or loans from Coopfond, Fondosviluppo or General Fond, depending on the association the cooperative joins.',
    },
    sources: ['L. 59/1992, art. 11'],
  },
  {
    code: 'it_coop_register',
    stage: 'formalities',
    label: {
      it: 'Albo delle cooperative, Registro delle imprese, INPS e INAIL',
      fr: 'Registre des coopératives, registre du commerce, INPS et INAIL',
      en: 'Cooperatives register, business register, INPS and INAIL',
    },
    detail: {
      it: "Iscrizione all'Albo delle società cooperative e al Registro delle imprese (ComUnica), partita IVA, posizioni INPS e INAIL; adesione a una centrale per la revisione.",
      fr: 'Inscription au registre des sociétés coopératives et au registre des entreprises (ComUnica), numéro de TVA, INPS et INAIL ; adhésion à une centrale pour la révision.',
      en: 'Entry in the cooperatives register and the business register (ComUnica), VAT number, INPS and INAIL positions; joining an association for the cooperative audit.',
    },
    sources: ['D.M. 23 giugno 2004 (Albo società cooperative)', 'D.Lgs. 220/2002 (revisione)'],
  },
  {
    code: 'it_newco',
    stage: 'legal_form',
    label: {
      it: 'Costituzione della società (S.r.l. o S.p.A.)',
      fr: 'Constitution de la société (S.r.l. ou S.p.A.)',
      en: 'Incorporation of the company (S.r.l. or S.p.A.)',
    },
    detail: {
      it: 'Atto notarile e statuto; la S.r.l. semplificata per soci persone fisiche con capitale ridotto.',
      fr: 'Acte notarié et statuts ; la S.r.l. simplifiée pour des associés personnes physiques avec un capital réduit.',
      en: 'Notarial deed and articles; the simplified S.r.l. for individual founders with little capital.',
    },
    sources: ['Codice civile, artt. 2463 e 2463-bis'],
  },
  {
    code: 'it_mbo_deal',
    stage: 'plan',
    label: {
      it: 'Due diligence e atto di cessione',
      fr: 'Audit et acte de cession',
      en: 'Due diligence and transfer deed',
    },
    detail: {
      it: "Valutazione dell'azienda, lettera d'intenti, atto di cessione dell'azienda o delle quote; informazione e consultazione sindacale sul trasferimento.",
      fr: "Évaluation, lettre d'intention, acte de cession du fonds ou des parts ; information et consultation syndicale sur le transfert.",
      en: 'Valuation, letter of intent, deed transferring the business or the shares; union information and consultation on the transfer.',
    },
    sources: ['Codice civile, artt. 2112 e 2556', 'L. 428/1990, art. 47'],
  },
  {
    code: 'it_sme_guarantee',
    stage: 'financing',
    label: {
      it: 'Finanziamento bancario con garanzia del Fondo PMI',
      fr: 'Prêt bancaire garanti par le Fonds PME',
      en: 'Bank loan guaranteed by the SME Fund',
    },
    detail: {
      it: "Garanzia pubblica del Fondo di garanzia per le PMI (Mediocredito Centrale) sul finanziamento dell'acquisizione o dell'avvio.",
      fr: "Garantie publique du Fondo di garanzia per le PMI (Mediocredito Centrale) sur le prêt d'acquisition ou de démarrage.",
      en: 'Public guarantee of the Fondo di garanzia per le PMI (Mediocredito Centrale) on the acquisition or start-up loan.',
    },
    sources: ['L. 662/1996, art. 2 c. 100 lett. a)', 'Mediocredito Centrale, www.fondidigaranzia.it'],
  },
  {
    code: 'it_startup_form',
    stage: 'legal_form',
    label: {
      it: 'Forma giuridica e startup innovativa',
      fr: 'Forme juridique et « startup innovativa »',
      en: 'Legal form and innovative start-up status',
    },
    detail: {
      it: 'S.r.l., S.r.l. semplificata o impresa individuale; con requisiti di innovazione, iscrizione nella sezione speciale delle startup innovative.',
      fr: 'S.r.l., S.r.l. simplifiée ou entreprise individuelle ; si elle innove, inscription dans la section spéciale des startups innovantes.',
      en: 'S.r.l., simplified S.r.l. or sole trader; if it meets the innovation tests, entry in the special section for innovative start-ups.',
    },
    sources: ['D.L. 179/2012, art. 25 (conv. L. 221/2012)', 'Codice civile, art. 2463-bis'],
  },
  {
    code: 'it_invitalia',
    stage: 'financing',
    label: {
      it: 'Incentivi Invitalia (Smart&Start, ON)',
      fr: 'Aides Invitalia (Smart&Start, ON)',
      en: 'Invitalia incentives (Smart&Start, ON)',
    },
    detail: {
      it: 'Smart&Start Italia per le startup innovative; ON – Oltre nuove imprese a tasso zero per giovani e donne.',
      fr: 'Smart&Start Italia pour les startups innovantes ; ON – Oltre nuove imprese a tasso zero pour les jeunes et les femmes.',
      en: 'Smart&Start Italia for innovative start-ups; ON – Oltre nuove imprese a tasso zero for young people and women.',
    },
    sources: [
      'D.M. 24 settembre 2014 e s.m. (Smart&Start)',
      'D.Lgs. 185/2000, Titolo I (ON)',
      'Invitalia, www.invitalia.it',
    ],
  },
  {
    code: 'it_spinoff_agreement',
    stage: 'plan',
    label: {
      it: "Accordo con l'impresa d'origine",
      fr: "Accord avec l'entreprise d'origine",
      en: 'Agreement with the parent firm',
    },
    detail: {
      it: "Beni, licenze, clienti e personale che passano alla nuova impresa, con l'accordo sindacale quando passano lavoratori.",
      fr: "Biens, licences, clients et personnel qui passent à la nouvelle entreprise, avec l'accord syndical quand des salariés sont transférés.",
      en: 'Assets, licences, customers and staff moving to the new firm, with the union agreement when workers move.',
    },
    sources: ['Codice civile, art. 2112'],
  },
  {
    code: 'it_company_register',
    stage: 'formalities',
    label: {
      it: 'Registro delle imprese, SUAP, INPS e INAIL',
      fr: 'Registre des entreprises, SUAP, INPS et INAIL',
      en: 'Business register, SUAP, INPS and INAIL',
    },
    detail: {
      it: 'Iscrizione con ComUnica (partita IVA, INPS, INAIL) e SCIA allo Sportello unico per le attività produttive del Comune.',
      fr: 'Immatriculation par ComUnica (TVA, INPS, INAIL) et SCIA au guichet unique des activités productives de la commune.',
      en: "Registration through ComUnica (VAT, INPS, INAIL) and the SCIA notice to the municipality's one-stop shop for businesses.",
    },
    sources: ['D.L. 7/2007, art. 9 (ComUnica)', 'D.P.R. 160/2010 (SUAP)'],
  },
  {
    code: 'it_community_coop',
    stage: 'legal_form',
    label: {
      it: 'Cooperativa di comunità',
      fr: 'Coopérative de communauté',
      en: 'Community cooperative',
    },
    detail: {
      it: 'Cooperativa con soci residenti, enti e imprese del territorio; dove esiste, la legge regionale ne fissa requisiti e sostegni.',
      fr: 'Coopérative associant habitants, collectivités et entreprises du territoire ; là où elle existe, la loi régionale fixe conditions et aides.',
      en: 'A cooperative of residents, local bodies and firms; where there is one, the regional law sets its conditions and support.',
    },
    sources: ['Codice civile, artt. 2511 e ss.', 'Regione Puglia, L.R. 23/2014 (esempio di legge regionale)'],
  },
  // ------------------------------------------------------------------ France
  {
    code: 'fr_urscop',
    stage: 'plan',
    label: {
      it: 'Accompagnamento della URSCOP',
      fr: "Accompagnement par l'Union régionale des Scop",
      en: 'Support from the regional Scop union (URSCOP)',
    },
    detail: {
      it: "Diagnosi, piano di ripresa e formazione dei futuri soci con l'Unione regionale delle Scop.",
      fr: "Diagnostic, plan de reprise et formation des futurs associés avec l'Union régionale des Scop et Scic.",
      en: 'Diagnosis, takeover plan and training of the future members with the regional union of Scops.',
    },
    sources: ['Confédération générale des Scop et des Scic, www.les-scop.coop'],
  },
  {
    code: 'fr_employee_offer',
    stage: 'plan',
    label: {
      it: 'Informazione dei dipendenti e offerta di ripresa',
      fr: 'Information des salariés et offre de reprise',
      en: 'Informing employees and the takeover offer',
    },
    detail: {
      it: "Cessione: i dipendenti vanno informati in anticipo per poter presentare un'offerta. Procedura collettiva: offerta di ripresa al tribunale.",
      fr: 'Cession : information préalable des salariés pour leur permettre de présenter une offre. Procédure collective : offre de reprise déposée au tribunal.',
      en: 'Sale: employees must be told beforehand so they can make an offer. Insolvency: a takeover offer filed with the court.',
    },
    sources: [
      'Code de commerce, art. L141-23 à L141-32 et L23-10-1 à L23-10-12 (loi n° 2014-856)',
      'Code de commerce, art. L642-2',
    ],
  },
  {
    code: 'fr_scop_constitution',
    stage: 'legal_form',
    label: {
      it: 'Costituzione della SCOP',
      fr: 'Constitution de la Scop',
      en: 'Incorporation of the Scop',
    },
    detail: {
      it: "SCOP in forma di SA, SARL o SAS: i dipendenti soci detengono almeno il 51% del capitale e il 65% dei voti; la SCOP d'amorçage consente una maggioranza transitoria di soci esterni.",
      fr: "Scop SA, SARL ou SAS : les salariés associés détiennent au moins 51 % du capital et 65 % des voix ; la Scop d'amorçage permet une majorité transitoire d'associés extérieurs.",
      en: 'A Scop as SA, SARL or SAS: employee members hold at least 51% of the capital and 65% of the votes; the start-up Scop allows outside members a majority for a time.',
    },
    sources: [
      'Loi n° 78-763 du 19 juillet 1978 (statut des Scop)',
      'Loi n° 2014-856, art. 27 (Scop d’amorçage)',
    ],
  },
  {
    code: 'fr_scop_financing',
    stage: 'financing',
    label: {
      it: 'Strumenti finanziari della rete Scop',
      fr: 'Outils financiers du réseau Scop',
      en: 'Financial tools of the Scop network',
    },
    detail: {
      it: 'Prestiti partecipativi e garanzie di Sofiscop, Socoden e Scopinvest; France Active.',
      fr: 'Prêts participatifs et garanties de Sofiscop, Socoden et Scopinvest ; France Active.',
      en: 'Participating loans and guarantees from Sofiscop, Socoden and Scopinvest; France Active.',
    },
    sources: ['Confédération générale des Scop, outils financiers', 'France Active, www.franceactive.org'],
  },
  {
    code: 'fr_bpifrance',
    stage: 'financing',
    label: {
      it: 'Bpifrance: garanzia e prestito di trasmissione',
      fr: 'Bpifrance : garantie et prêt transmission',
      en: 'Bpifrance: transfer guarantee and loan',
    },
    detail: {
      it: 'Garanzia dei prestiti bancari per la ripresa e prestito di trasmissione senza garanzie personali.',
      fr: 'Garantie des prêts bancaires de reprise et prêt transmission sans garantie personnelle.',
      en: 'Guarantee of the bank loans for the takeover and a transfer loan without personal guarantees.',
    },
    sources: ['Bpifrance, www.bpifrance.fr (garantie transmission, prêt transmission)'],
  },
  {
    code: 'fr_arce_acre',
    stage: 'financing',
    label: { it: 'ARCE e ACRE', fr: 'ARCE et ACRE', en: 'ARCE and ACRE' },
    detail: {
      it: 'ARCE: il 60% dei diritti di disoccupazione restanti versato in capitale (France Travail). ACRE: esonero parziale dei contributi il primo anno (URSSAF).',
      fr: 'ARCE : 60 % des droits ARE restants versés en capital (France Travail). ACRE : exonération partielle de cotisations la première année (Urssaf).',
      en: 'ARCE: 60% of the remaining unemployment benefit paid as capital (France Travail). ACRE: partial relief from social contributions in the first year (URSSAF).',
    },
    sources: [
      "Règlement d'assurance chômage, art. 35 (ARCE)",
      'Code de la sécurité sociale, art. L131-6-4 (ACRE)',
    ],
  },
  {
    code: 'fr_scop_register',
    stage: 'formalities',
    label: {
      it: 'Immatricolazione, lista delle SCOP, revisione',
      fr: 'Immatriculation, liste des Scop, révision',
      en: 'Registration, list of Scops, cooperative audit',
    },
    detail: {
      it: 'Immatricolazione presso lo sportello unico (INPI), iscrizione nella lista ministeriale delle SCOP, adesione alla CG Scop e revisione cooperativa.',
      fr: 'Immatriculation au guichet unique (INPI), inscription sur la liste ministérielle des Scop, adhésion à la CG Scop et révision coopérative.',
      en: 'Registration at the one-stop shop (INPI), entry on the ministerial list of Scops, joining the CG Scop, and the cooperative audit.',
    },
    sources: ['Décret n° 87-276 du 16 avril 1987 (liste des Scop)', 'Loi n° 47-1775, art. 25-1 (révision)'],
  },
  {
    code: 'fr_holding',
    stage: 'legal_form',
    label: {
      it: 'Holding di ripresa',
      fr: 'Holding de reprise',
      en: 'Acquisition holding company',
    },
    detail: {
      it: "Società (spesso SAS) dei dirigenti acquirenti che contrae il debito e acquista le azioni dell'impresa.",
      fr: "Société (souvent une SAS) des cadres repreneurs qui porte la dette et rachète les titres de l'entreprise.",
      en: "A company (often an SAS) of the buying managers that carries the debt and buys the firm's shares.",
    },
    sources: ['Code de commerce, art. L227-1 et s. (SAS)'],
  },
  {
    code: 'fr_deal',
    stage: 'plan',
    label: {
      it: 'Audit e atto di cessione',
      fr: 'Audit et acte de cession',
      en: 'Due diligence and transfer deed',
    },
    detail: {
      it: "Valutazione, protocollo d'accordo, atto di cessione; i contratti di lavoro passano al cessionario.",
      fr: "Évaluation, protocole d'accord, acte de cession ; les contrats de travail passent au cessionnaire.",
      en: 'Valuation, heads of terms, transfer deed; employment contracts pass to the buyer.',
    },
    sources: ['Code du travail, art. L1224-1', 'Code de commerce, art. L141-23'],
  },
  {
    code: 'fr_honour_loan',
    stage: 'financing',
    label: { it: "Prestito d'onore", fr: "Prêt d'honneur", en: 'Honour loan' },
    detail: {
      it: 'Prestito personale a tasso zero ai fondatori, che facilita il credito bancario (Initiative France, Réseau Entreprendre).',
      fr: "Prêt personnel à taux zéro aux fondateurs, qui facilite l'accès au prêt bancaire (Initiative France, Réseau Entreprendre).",
      en: 'A zero-interest personal loan to the founders that opens the way to bank credit (Initiative France, Réseau Entreprendre).',
    },
    sources: [
      'Initiative France, www.initiative-france.fr',
      'Réseau Entreprendre, www.reseau-entreprendre.org',
    ],
  },
  {
    code: 'fr_startup_form',
    stage: 'legal_form',
    label: { it: 'Forma giuridica', fr: 'Forme juridique', en: 'Legal form' },
    detail: {
      it: 'SAS/SASU o SARL/EURL; per chi fa ricerca e sviluppo, la qualifica di giovane impresa innovativa (JEI).',
      fr: 'SAS/SASU ou SARL/EURL ; pour une activité de recherche et développement, le statut de jeune entreprise innovante (JEI).',
      en: 'SAS/SASU or SARL/EURL; for research and development, young innovative company (JEI) status.',
    },
    sources: ['Code de commerce, art. L223-1 et L227-1', 'Code général des impôts, art. 44 sexies-0 A (JEI)'],
  },
  {
    code: 'fr_bpifrance_startup',
    stage: 'financing',
    label: {
      it: "Bpifrance: Bourse French Tech e prestito d'avviamento",
      fr: "Bpifrance : Bourse French Tech et prêt d'amorçage",
      en: 'Bpifrance: French Tech grant and seed loan',
    },
    detail: {
      it: 'Sovvenzione e prestito per le imprese innovative nei primi anni.',
      fr: 'Subvention et prêt pour les entreprises innovantes dans leurs premières années.',
      en: 'Grant and loan for innovative firms in their first years.',
    },
    sources: ['Bpifrance, www.bpifrance.fr (Bourse French Tech, prêt d’amorçage)'],
  },
  {
    code: 'fr_spinoff_agreement',
    stage: 'plan',
    label: {
      it: 'Convenzione di essaimage',
      fr: "Convention d'essaimage",
      en: 'Spin-off agreement (essaimage)',
    },
    detail: {
      it: "Accordo con l'impresa d'origine: beni, licenze, clienti, sostegno e eventuale congedo del dipendente creatore.",
      fr: "Accord avec l'entreprise d'origine : biens, licences, clients, appui et éventuel congé du salarié créateur.",
      en: 'Agreement with the parent firm: assets, licences, customers, support and any leave for the founding employee.',
    },
    sources: ['Code du travail, art. L3142-105 et s. (congé pour création d’entreprise)'],
  },
  {
    code: 'fr_company_register',
    stage: 'formalities',
    label: {
      it: 'Immatricolazione (sportello unico)',
      fr: 'Immatriculation (guichet unique)',
      en: 'Registration (one-stop shop)',
    },
    detail: {
      it: "Dichiarazione di inizio attività sullo sportello unico dell'INPI, estratto Kbis, iscrizioni sociali e fiscali.",
      fr: "Déclaration de création sur le guichet unique de l'INPI, extrait Kbis, inscriptions sociales et fiscales.",
      en: "Filing on INPI's one-stop shop, Kbis extract, social and tax registrations.",
    },
    sources: ['Code de commerce, art. R123-1 et s.', 'INPI, formalites.entreprises.gouv.fr'],
  },
  {
    code: 'fr_scic_constitution',
    stage: 'legal_form',
    label: { it: 'Costituzione della SCIC', fr: 'Constitution de la Scic', en: 'Incorporation of the Scic' },
    detail: {
      it: "Società cooperativa d'interesse collettivo: almeno tre categorie di soci (tra cui dipendenti e beneficiari); gli enti locali possono detenere fino al 50% del capitale.",
      fr: "Société coopérative d'intérêt collectif : au moins trois catégories d'associés (dont salariés et bénéficiaires) ; les collectivités peuvent détenir jusqu'à 50 % du capital.",
      en: 'A collective-interest cooperative: at least three classes of members (employees and beneficiaries among them); local authorities may hold up to 50% of the capital.',
    },
    sources: ['Loi n° 47-1775, titre II ter (Scic)', 'Loi n° 2014-856, art. 33'],
  },
  {
    code: 'fr_local_financing',
    stage: 'financing',
    label: {
      it: 'Finanziamento di enti locali e France Active',
      fr: 'Financement des collectivités et France Active',
      en: 'Local authority and France Active financing',
    },
    detail: {
      it: 'Capitale o sovvenzioni di comuni, dipartimenti e regioni; garanzie e prestiti solidali di France Active.',
      fr: 'Capital ou subventions des communes, départements et régions ; garanties et prêts solidaires de France Active.',
      en: 'Equity or grants from municipalities, departments and regions; guarantees and social loans from France Active.',
    },
    sources: ['Loi n° 47-1775, art. 19 septies', 'France Active, www.franceactive.org'],
  },
];

const STEP_BY_CODE = new Map(STEPS.map((s) => [s.code, s]));

/** The route of each kind in each country; the order is the order of the checklist. */
const ROUTES: Record<'IT' | 'FR', Record<OpportunityKind, string[]>> = {
  IT: {
    wbo: [
      'it_plan_with_network',
      'it_business_transfer',
      'it_coop_constitution',
      'it_naspi_advance',
      'it_marcora_cfi',
      'it_foncooper',
      'it_mutual_funds',
      'it_coop_register',
    ],
    mbo: ['it_mbo_deal', 'it_newco', 'it_sme_guarantee', 'it_company_register'],
    spin_off: [
      'it_spinoff_agreement',
      'it_startup_form',
      'it_invitalia',
      'it_sme_guarantee',
      'it_naspi_advance',
      'it_company_register',
    ],
    start_up: [
      'it_plan_with_network',
      'it_startup_form',
      'it_invitalia',
      'it_sme_guarantee',
      'it_naspi_advance',
      'it_company_register',
    ],
    community_coop: [
      'it_plan_with_network',
      'it_community_coop',
      'it_naspi_advance',
      'it_foncooper',
      'it_mutual_funds',
      'it_coop_register',
    ],
  },
  FR: {
    wbo: [
      'fr_urscop',
      'fr_employee_offer',
      'fr_scop_constitution',
      'fr_scop_financing',
      'fr_bpifrance',
      'fr_arce_acre',
      'fr_scop_register',
    ],
    mbo: ['fr_deal', 'fr_holding', 'fr_bpifrance', 'fr_honour_loan', 'fr_company_register'],
    spin_off: [
      'fr_spinoff_agreement',
      'fr_startup_form',
      'fr_bpifrance_startup',
      'fr_honour_loan',
      'fr_arce_acre',
      'fr_company_register',
    ],
    start_up: [
      'fr_startup_form',
      'fr_bpifrance_startup',
      'fr_honour_loan',
      'fr_arce_acre',
      'fr_company_register',
    ],
    community_coop: [
      'fr_urscop',
      'fr_scic_constitution',
      'fr_local_financing',
      'fr_scop_financing',
      'fr_arce_acre',
      'fr_scop_register',
    ],
  },
};

/**
 * The route for an opportunity of this kind in this country. The network works in Italy and France; an
 * opportunity elsewhere gets the Italian route (the network's home), which the desk adapts with notes.
 */
export function routeFor(kind: OpportunityKind, country: string): RouteStep[] {
  const routes = country === 'FR' ? ROUTES.FR : ROUTES.IT;
  return routes[kind].map((code) => STEP_BY_CODE.get(code)!);
}

/** A stored step's text; a code no longer in the template (a retired step) is shown by its code's step. */
export function stepOf(code: string): RouteStep | undefined {
  return STEP_BY_CODE.get(code);
}

/** Every route names only steps that exist (checked by the tests). */
export function allRoutes(): { country: string; kind: OpportunityKind; codes: string[] }[] {
  return (['IT', 'FR'] as const).flatMap((country) =>
    (Object.keys(ROUTES[country]) as OpportunityKind[]).map((kind) => ({
      country,
      kind,
      codes: ROUTES[country][kind],
    })),
  );
}
