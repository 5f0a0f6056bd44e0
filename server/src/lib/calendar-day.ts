/** The calendar day in Italy and France (one time zone), as YYYY-MM-DD: what "past its date" is read against. */
export function dayIn(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(now);
}
