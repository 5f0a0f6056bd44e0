/**
 * Runs one hostile-file read in a fresh process and prints its peak memory growth, so the measurement is
 * not disturbed by whatever the test worker allocated before (maxRSS is a lifetime peak).
 */
import { openTable, type FileError } from '../../src/files/index.js';
import { fixture } from './helpers.js';

const [name, mode] = process.argv.slice(2) as [string, 'open' | 'rows'];
const bytes = fixture(name);
global.gc?.();
const before = process.resourceUsage().maxRSS * 1024;
let code: string | undefined;
let details: unknown;
try {
  const table = openTable(bytes, 'bomb.xlsx');
  if (mode === 'rows') for (const _row of table.rows);
} catch (error) {
  code = (error as FileError).code;
  details = (error as FileError).details;
}
const peak = process.resourceUsage().maxRSS * 1024;
console.log(JSON.stringify({ code, details, growth: Math.max(0, peak - before) }));
