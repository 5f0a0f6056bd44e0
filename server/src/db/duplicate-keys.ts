import { sql, type SQL } from 'drizzle-orm';

/**
 * The normalised keys duplicate detection compares (modules/duplicates). They are SQL expressions, not
 * JavaScript, because the same expression builds the index or stored column (schema.ts) and computes the
 * key of what is being checked: one definition, so a form's "Rossì" and a stored "ROSSI" can never
 * normalise apart.
 * Only immutable built-ins (translate, lower, regexp_replace, right), so PostgreSQL 15 and PGlite both
 * accept them in an index; no extension (unaccent) is needed.
 */

// translate() before lower(): on a C-collation database lower() leaves accented capitals alone.
const ACCENTED = 'ÀÁÂÄÃÅàáâäãåÈÉÊËèéêëÌÍÎÏìíîïÒÓÔÖÕòóôöõÙÚÛÜùúûüÇçÑñŸÿ';
const PLAIN = 'AAAAAAaaaaaaEEEEeeeeIIIIiiiiOOOOOoooooUUUUuuuuCcNnYy';

/** Letters only, lower case, accents off: "D’Angelo-Rossì " → "dangelorossi". */
export function letters(value: SQL): SQL {
  return sql`regexp_replace(lower(translate(${value}, ${sql.raw(`'${ACCENTED}'`)}, ${sql.raw(`'${PLAIN}'`)})), '[^a-z]', '', 'g')`;
}

/**
 * A person's name, whichever way round first and last name were typed ("Rossi Marco" = "Marco Rossi"):
 * the two normalised parts in alphabetical order.
 */
export function personNameKey(first: SQL, last: SQL): SQL {
  const f = letters(first);
  const l = letters(last);
  return sql`(least(${f}, ${l}) || ' ' || greatest(${f}, ${l}))`;
}

/** An e-mail address compared without case or surrounding blanks. */
export function emailKey(email: SQL): SQL {
  return sql`lower(btrim(${email}))`;
}

/**
 * A phone number by its last nine digits: "+39 0187 123456", "0039 0187-123456" and "0187 123456" agree,
 * as do "+33 6 12 34 56 78" and "06 12 34 56 78" (nine digits after the French trunk 0). Fewer than six
 * digits is no key at all (an extension, a typo), so they never match each other.
 */
export function phoneKey(phone: SQL): SQL {
  const digits = sql`regexp_replace(${phone}, '[^0-9]', '', 'g')`;
  return sql`(case when length(${digits}) >= 6 then right(${digits}, 9) end)`;
}

/** Brand and model as one key ("Fincantieri  FC-200" = "fincantieri fc200"); null without a model. */
export function brandModelKey(brand: SQL, model: SQL): SQL {
  return sql`(case when ${alnum(model)} <> '' then ${alnum(brand)} || '|' || ${alnum(model)} end)`;
}

/** Letters and digits only, lower case, accents off. */
function alnum(value: SQL): SQL {
  return sql`regexp_replace(lower(translate(coalesce(${value}, ''), ${sql.raw(`'${ACCENTED}'`)}, ${sql.raw(`'${PLAIN}'`)})), '[^a-z0-9]', '', 'g')`;
}

/** A SIRET's SIREN (its first nine digits): the same company, whichever of its establishments. */
export function sirenKey(siret: SQL): SQL {
  return sql`left(regexp_replace(${siret}, '[^0-9]', '', 'g'), 9)`;
}

/**
 * A VAT number without blanks, dots or the country prefix ("IT 01234567890" = "01234567890"), or a
 * SIRET's digits; both upper case.
 */
export function taxIdKey(value: SQL): SQL {
  return sql`regexp_replace(regexp_replace(upper(${value}), '[^0-9A-Z]', '', 'g'), '^(IT|FR)', '')`;
}

/**
 * A firm's name without its legal form and punctuation ("Cantiere Rossi S.r.l." = "CANTIERE ROSSI SRL"
 * = "Cantiere Rossi"): the words a desk types differently for the same firm.
 */
export function firmNameKey(name: SQL): SQL {
  const flat = sql`regexp_replace(lower(translate(${name}, ${sql.raw(`'${ACCENTED}'`)}, ${sql.raw(`'${PLAIN}'`)})), '[.]', '', 'g')`;
  return sql`regexp_replace(regexp_replace(${flat}, '\\m(srl|srls|spa|sapa|sas|sasu|snc|scarl|scrl|scpa|sarl|sa|eurl|scop|sca|coop)\\M', '', 'g'), '[^a-z0-9]', '', 'g')`;
}
