/**
 * A failed job keeps why in one text column: "CODE: message". The code lets the screens say it in the
 * desk's language (the message is English, for logs and the CLI); older rows have no code.
 */
const CODED = /^([A-Z][A-Z0-9_]{2,60}): ([\s\S]*)$/;

export function encodeJobError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code =
    typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
      ? (error as { code: string }).code
      : null;
  return (code && /^[A-Z][A-Z0-9_]+$/.test(code) ? `${code}: ${message}` : message).slice(0, 500);
}

export function decodeJobError(text: string | null): { errorCode: string | null; error: string | null } {
  if (text === null) return { errorCode: null, error: null };
  const m = CODED.exec(text);
  return m ? { errorCode: m[1]!, error: m[2]! } : { errorCode: null, error: text };
}
