/** The opportunity readiness card (issue 16): the card, one step's change, and the PDF's address. */
import { API, call, client, toLang, type Fetch } from './client';
import type { GetJson } from './types';

export type Readiness = GetJson<'/api/v1/opportunities/{id}/readiness'>;
export type ChecklistItem = Readiness['checklist'][number];
export type Blocker = Readiness['blockers'][number];

export const readinessApi = {
  get: (id: string, lang: string, fetch?: Fetch) =>
    call(
      client.GET('/api/v1/opportunities/{id}/readiness', {
        params: { path: { id }, query: { lang: toLang(lang) } },
        fetch,
      }),
    ) as Promise<Readiness>,
  updateStep: (
    id: string,
    itemId: string,
    body: { version: number; done?: boolean; dueDate?: string | null; note?: string },
    lang: string,
  ) =>
    call(
      client.PATCH('/api/v1/opportunities/{id}/readiness/checklist/{itemId}', {
        params: { path: { id, itemId }, query: { lang: toLang(lang) } },
        body,
      }),
    ) as Promise<ChecklistItem>,
};

export function readinessPdfUrl(id: string, lang: string): string {
  return `${API}/opportunities/${encodeURIComponent(id)}/readiness.pdf?lang=${toLang(lang)}`;
}
