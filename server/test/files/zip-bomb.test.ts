import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FILE_LIMITS, openTable, writeXlsx, ZipArchive } from '../../src/files/index.js';
import { expectCode, fixture } from './helpers.js';

const MB = 1024 * 1024;

/** Peak RSS growth of one read, measured in a fresh Node process (see bomb-probe.ts). */
function probeInFreshProcess(name: string, mode: 'open' | 'rows') {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', PROBE, name, mode], {
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as { code?: string; details?: unknown; growth: number };
}
const PROBE = fileURLToPath(new URL('./bomb-probe.ts', import.meta.url));

describe('zip-bomb guard (D4)', () => {
  it('the fixtures are real bombs: ~500 KB expanding to 512 MiB', () => {
    for (const name of ['zip-bomb.xlsx', 'zip-bomb-lying.xlsx']) {
      expect(fixture(name).length).toBeLessThan(600 * 1024);
    }
    const zip = ZipArchive.open(fixture('zip-bomb.xlsx'), {
      maxZipEntries: 10,
      maxUncompressedBytes: 2 ** 32 - 1,
    });
    expect(zip.entries.get('xl/worksheets/sheet1.xml')?.uncompressedSize).toBeGreaterThanOrEqual(512 * MB);
  });

  it('rejects a bomb by its declared size before inflating anything, with bounded memory', () => {
    expect(
      expectCode(() => openTable(fixture('zip-bomb.xlsx'), 'bomb.xlsx'), 'FILE_ZIP_BOMB').statusCode,
    ).toBe(413);
    const probe = probeInFreshProcess('zip-bomb.xlsx', 'open');
    expect(probe.code).toBe('FILE_ZIP_BOMB');
    expect(probe.growth).toBeLessThan(100 * MB);
  });

  it('rejects a bomb whose headers lie about its size, by the running byte cap', () => {
    const probe = probeInFreshProcess('zip-bomb-lying.xlsx', 'rows');
    expect(probe.code).toBe('FILE_ZIP_BOMB');
    expect(probe.details).toMatchObject({ entry: 'xl/worksheets/sheet1.xml', declaredBytes: 4096 });
    expect(probe.growth).toBeLessThan(100 * MB);
  });

  it('inflates a truthful but oversized entry only up to the cap, streaming, and keeps RSS flat', () => {
    // Limits raised so the central-directory check passes: only the running cap can stop it.
    const zip = ZipArchive.open(fixture('zip-bomb.xlsx'), {
      maxZipEntries: 10,
      maxUncompressedBytes: 2 ** 32 - 1,
    });
    const cap = DEFAULT_FILE_LIMITS.maxUncompressedBytes;
    let seen = 0;
    let maxRss = 0;
    const before = process.memoryUsage().rss;
    const e = expectCode(() => {
      for (const chunk of zip.readChunks('xl/worksheets/sheet1.xml', cap)) {
        seen += chunk.length;
        maxRss = Math.max(maxRss, process.memoryUsage().rss);
      }
    }, 'FILE_ZIP_BOMB');
    expect(e.details).toMatchObject({ limit: cap });
    expect(seen).toBeGreaterThan(cap - 8 * MB);
    expect(seen).toBeLessThanOrEqual(cap);
    expect(maxRss - before).toBeLessThan(100 * MB);
  }, 30_000);

  it('reads a workbook exactly at the size limit: a part read twice (merges, then rows) is charged once', async () => {
    const book = await writeXlsx([
      { name: 'S', rows: Array.from({ length: 3000 }, (_, i) => [`row ${i}`, i]) },
    ]);
    const declared = [...ZipArchive.open(book, DEFAULT_FILE_LIMITS).entries.values()].reduce(
      (n, e) => n + e.uncompressedSize,
      0,
    );
    const t = openTable(book, 'b.xlsx', { maxUncompressedBytes: declared });
    expect([...t.rows]).toHaveLength(2999);
    expectCode(() => openTable(book, 'b.xlsx', { maxUncompressedBytes: declared - 1 }), 'FILE_ZIP_BOMB');
  });
});
