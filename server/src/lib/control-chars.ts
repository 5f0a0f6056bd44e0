import type { ErrorDetail } from '../errors.js';

/**
 * C0 control characters no text field may hold. PostgreSQL refuses U+0000 in text and jsonb (a 500
 * before this check), and the others are never typed by a person: they only arrive from broken files
 * or probes. Tab, line feed and carriage return stay allowed: descriptions and notes have lines.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

const describe = (text: string) => {
  const found = CONTROL.exec(text)![0];
  return `contains a control character (U+${found.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`;
};

/**
 * Every string (values and keys) under `value` holding a control character, as error details named
 * like the schema validation's (`body.lastName`, `query.q`, `body.occupations.0.uri`). Iterative, so
 * a deeply nested body cannot overflow the stack; stops after `max` findings.
 */
export function findControlCharacters(value: unknown, prefix: string, max = 10): ErrorDetail[] {
  const found: ErrorDetail[] = [];
  const stack: [unknown, string][] = [[value, prefix]];
  while (stack.length > 0 && found.length < max) {
    const [current, path] = stack.pop()!;
    if (typeof current === 'string') {
      if (CONTROL.test(current)) found.push({ path, reason: describe(current) });
    } else if (current && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        const childPath = path ? `${path}.${key}` : key;
        if (CONTROL.test(key)) found.push({ path: childPath, reason: `key ${describe(key)}` });
        else stack.push([child, childPath]);
      }
    }
  }
  return found;
}

/** The text without its control characters (for values shown back only, such as an uploaded file's name). */
export const stripControlCharacters = (text: string) => text.replace(new RegExp(CONTROL.source, 'g'), '');
