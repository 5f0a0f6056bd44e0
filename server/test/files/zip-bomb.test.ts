import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FILE_LIMITS,
  openTable,
  writeXlsx,
  ZipArchive,
  type FileError,
} from '../../src/files/index.js';
import { expectCode, fixture } from './helpers.js';

const MB = 1024 * 1024;

/**
 * Peak RSS growth while `fn` runs. `resourceUsage().maxRSS` is the process's lifetime peak (KiB),
 * which also catches spikes inside synchronous code that no timer could sample; this file runs
 * in its own worker, so the lifetime peak before the call is close to the current RSS.
 */
function peakGrowth(fn: () => void): number {
  global.gc?.();
  const before = process.memoryUsage().rss;
  fn();
  const peak = process.resourceUsage().maxRSS * 1024;
  return Math.max(0, peak - before);
}

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
    let error: FileError | undefined;
    const growth = peakGrowth(() => {
      error = expectCode(() => openTable(fixture('zip-bomb.xlsx'), 'bomb.xlsx'), 'FILE_ZIP_BOMB');
    });
    expect(error?.statusCode).toBe(413);
    expect(growth).toBeLessThan(100 * MB);
  });

  it('rejects a bomb whose headers lie about its size, by the running byte cap', () => {
    let error: FileError | undefined;
    const growth = peakGrowth(() => {
      error = expectCode(
        () => [...openTable(fixture('zip-bomb-lying.xlsx'), 'bomb.xlsx').rows],
        'FILE_ZIP_BOMB',
      );
    });
    expect(error?.details).toMatchObject({ entry: 'xl/worksheets/sheet1.xml', declaredBytes: 4096 });
    expect(growth).toBeLessThan(100 * MB);
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
