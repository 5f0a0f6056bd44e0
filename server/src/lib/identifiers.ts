/**
 * The one check of national business identifiers (API, importer and demo data alike), so a typo is caught
 * at the desk and not at the registry.
 * Italian partita IVA: 11 digits, the last a Luhn-style check digit. French SIREN (9) / SIRET (14): Luhn,
 * except La Poste's establishments (SIREN 356000000), whose SIRETs sum of digits is a multiple of 5.
 */
export function isValidPartitaIva(value: string): boolean {
  if (!/^[0-9]{11}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = Number(value[i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10 === Number(value[10]);
}

function luhn(value: string): boolean {
  let sum = 0;
  for (let i = 0; i < value.length; i++) {
    let d = Number(value[value.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function isValidSiren(value: string): boolean {
  return /^[0-9]{9}$/.test(value) && luhn(value);
}

export function isValidSiret(value: string): boolean {
  if (!/^[0-9]{14}$/.test(value)) return false;
  if (value.startsWith('356000000')) {
    return [...value].reduce((s, c) => s + Number(c), 0) % 5 === 0;
  }
  return luhn(value);
}

/** Check digit that makes a 10-digit prefix a valid partita IVA (used by the demo generator and tests). */
export function partitaIvaCheckDigit(prefix10: string): number {
  for (let d = 0; d <= 9; d++) if (isValidPartitaIva(prefix10 + d)) return d;
  throw new Error('unreachable');
}

/** The digit that makes `body + digit` pass the Luhn check. */
export function luhnCheckDigit(body: string): number {
  for (let d = 0; d <= 9; d++) if (luhn(body + d)) return d;
  throw new Error('unreachable');
}
