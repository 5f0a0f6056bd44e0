const EMAIL = /[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const PHONE = /(?:\+|%2B)?\d[\d ().%-]{7,}\d/g;
const TOKEN = /((?:token|key|password)=)[^&]+/gi;

/** Masks e-mail addresses, phone numbers and tokens in text that goes to the logs (URLs, messages). */
export function redactText(text: string): string {
  return text.replace(EMAIL, '[email]').replace(PHONE, '[phone]').replace(TOKEN, '$1[redacted]');
}
