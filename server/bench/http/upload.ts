/**
 * Uploads a file as a browser would (multipart/form-data), from its own process so that sending it costs
 * the server's event loop nothing, and prints the answer as one JSON line: status, body, milliseconds.
 *   node --import tsx bench/http/upload.ts <url> <file> <headers.json> <fields.json>
 */
import { openAsBlob } from 'node:fs';
import path from 'node:path';

const [url, file, headersJson, fieldsJson] = process.argv.slice(2);
const form = new FormData();
for (const [name, value] of Object.entries(JSON.parse(fieldsJson!) as Record<string, string>))
  form.set(name, value);
form.set('file', await openAsBlob(file!), path.basename(file!));
const started = performance.now();
const res = await fetch(url!, {
  method: 'POST',
  headers: JSON.parse(headersJson!) as Record<string, string>,
  body: form,
});
const body = await res.text();
console.log(JSON.stringify({ status: res.status, body, ms: Math.round(performance.now() - started) }));
