import { Meilisearch } from 'meilisearch';

/**
 * The one API key the app uses against Meilisearch, made from the master key by the provisioning step
 * (the app process refuses the master key). A fixed uid makes the step idempotent: Meilisearch derives a
 * key's value from its uid and the master key, so running it again returns the same key.
 */
export const APP_KEY_UID = '5a1f0c2e-7d3b-4e8a-9c61-0b7e2d4f8a31';

/** What the adapter does: index and settings management, documents, search, tasks, version and stats. */
export const APP_KEY_ACTIONS = [
  'search',
  'documents.add',
  'documents.get',
  'documents.delete',
  'indexes.create',
  'indexes.get',
  'indexes.update',
  'indexes.delete',
  'indexes.swap',
  'settings.get',
  'settings.update',
  'tasks.get',
  'stats.get',
  'version',
] as const;

export async function provisionAppKey(options: { url: string; masterKey: string }): Promise<string> {
  const client = new Meilisearch({ host: options.url, apiKey: options.masterKey });
  try {
    return (await client.getKey(APP_KEY_UID)).key;
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code !== 'api_key_not_found') throw error;
  }
  const created = await client.createKey({
    uid: APP_KEY_UID,
    name: 'rilancio-app',
    description: 'Rilancio app processes: indexes, documents and search (provisioned)',
    actions: [...APP_KEY_ACTIONS],
    indexes: ['*'],
    expiresAt: null,
  });
  return created.key;
}
