import { readinessApi } from '$lib/api/readiness';
import { matchLang } from '$lib/match';

export async function load({ params, fetch }) {
  const lang = matchLang();
  try {
    return { id: params.id, lang, card: await readinessApi.get(params.id, lang, fetch), error: null };
  } catch (error) {
    return { id: params.id, lang, card: null, error: error as unknown };
  }
}
