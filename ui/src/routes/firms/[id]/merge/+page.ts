import { get } from 'svelte/store';
import { locale } from 'svelte-i18n';
import { loadRecordMerge } from '$lib/record-merge-load';

export const load = ({ params, url, fetch }) =>
  loadRecordMerge('firms', params.id, url, get(locale) ?? 'it', fetch);
