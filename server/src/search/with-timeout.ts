import { SearchUnavailableError } from './search.port.js';

/**
 * Bounds any call in time: rejects with SearchUnavailableError after `ms` (the API's "503 within 2 s"
 * guarantee for adapters that could hang). The underlying call is not cancelled.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, what = 'search'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SearchUnavailableError(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
