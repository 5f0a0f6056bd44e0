/** What alerts say to a person, in the three languages of the platform (issue 16). */
export type Lang = 'it' | 'fr' | 'en';

export const INDEX_LABELS: Record<Lang, Record<string, string>> = {
  it: { assets: 'Risorse', profiles: 'Profili', needs: 'Fabbisogni', opportunities: 'Opportunità' },
  fr: { assets: 'Ressources', profiles: 'Profils', needs: 'Besoins', opportunities: 'Opportunités' },
  en: { assets: 'Assets', profiles: 'Profiles', needs: 'Needs', opportunities: 'Opportunities' },
};

const TEXTS = {
  it: {
    subject: (n: number) => `Rilancio: ${n} novità nelle tue ricerche salvate`,
    intro: 'Ecco le novità nelle ricerche che hai salvato su Rilancio.',
    entered: 'nuovi o aggiornati',
    deadline: (date: string) => `scadenza il ${date}`,
    open: 'Apri la ricerca',
    more: (n: number) => `… e altri ${n}`,
    unsubscribe: 'Per non ricevere più e-mail per questa ricerca',
    unsubscribed: (name: string) =>
      `Non riceverai più e-mail per la ricerca «${name}». Le notifiche nell'applicazione restano.`,
    invalid: 'Questo link di disiscrizione non è valido o la ricerca è stata eliminata.',
    title: 'Disiscrizione',
  },
  fr: {
    subject: (n: number) => `Rilancio : ${n} nouveautés dans vos recherches enregistrées`,
    intro: 'Voici les nouveautés dans les recherches que vous avez enregistrées sur Rilancio.',
    entered: 'nouveaux ou modifiés',
    deadline: (date: string) => `échéance le ${date}`,
    open: 'Ouvrir la recherche',
    more: (n: number) => `… et ${n} autres`,
    unsubscribe: 'Pour ne plus recevoir d’e-mails pour cette recherche',
    unsubscribed: (name: string) =>
      `Vous ne recevrez plus d’e-mails pour la recherche « ${name} ». Les notifications dans l’application restent.`,
    invalid: 'Ce lien de désinscription n’est pas valide ou la recherche a été supprimée.',
    title: 'Désinscription',
  },
  en: {
    subject: (n: number) => `Rilancio: ${n} updates in your saved searches`,
    intro: 'Here is what is new in the searches you saved on Rilancio.',
    entered: 'new or updated',
    deadline: (date: string) => `deadline ${date}`,
    open: 'Open the search',
    more: (n: number) => `… and ${n} more`,
    unsubscribe: 'To stop e-mails for this search',
    unsubscribed: (name: string) =>
      `You will no longer receive e-mails for the search “${name}”. In-app notifications continue.`,
    invalid: 'This unsubscribe link is not valid, or the search was deleted.',
    title: 'Unsubscribe',
  },
} satisfies Record<Lang, unknown>;

export const textsFor = (lang: string) => TEXTS[(lang in TEXTS ? lang : 'it') as Lang];

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The page the unsubscribe link shows: plain, in the search owner's language, no session needed. */
export function unsubscribePage(lang: string, message: string): string {
  const t = textsFor(lang);
  return `<!doctype html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><title>Rilancio — ${escapeHtml(
    t.title,
  )}</title><meta name="viewport" content="width=device-width, initial-scale=1"></head><body style="font-family:sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem"><h1>Rilancio</h1><p>${escapeHtml(
    message,
  )}</p></body></html>`;
}
