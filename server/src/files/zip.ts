import { Inflate } from 'fflate';
import { FileError } from './errors.js';
import type { FileLimits } from './limits.js';

/**
 * A minimal ZIP reader that exists to put a guard in front of decompression (D4, D6).
 *
 * - The central directory is read first: too many entries, or a total declared uncompressed
 *   size over the limit, is refused before a single byte is inflated.
 * - Each entry is inflated in small compressed slices with a running byte count, and refused as
 *   soon as it produces more than it declared or more than the remaining budget: declared sizes
 *   can lie. One 4 KiB slice of deflate inflates to at most ~4 MiB, which bounds peak memory.
 * - Entry names are only ever map keys, never file-system paths (zip-slip cannot happen).
 * - Encrypted entries, ZIP64, multi-disk archives, methods other than stored/deflate, duplicate
 *   names and data before the first entry (self-extractors, polyglots) are refused.
 */
export interface ZipEntry {
  name: string;
  method: 0 | 8;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
/** Compressed bytes handed to the inflater per step; see the memory note above. */
const INFLATE_SLICE = 4096;

function malformed(message: string, details: Record<string, unknown> = {}): FileError {
  return new FileError('FILE_MALFORMED', `Corrupt XLSX (ZIP) file: ${message}`, details);
}

export class ZipArchive {
  readonly entries: ReadonlyMap<string, ZipEntry>;
  /** Uncompressed bytes still allowed across the distinct entries read from this archive. */
  private remaining: number;
  /** Bytes already charged per entry: reading a part twice (merges pass + rows pass) is charged once. */
  private readonly charged = new Map<string, number>();

  private constructor(
    private readonly bytes: Uint8Array,
    entries: Map<string, ZipEntry>,
    budget: number,
  ) {
    this.entries = entries;
    this.remaining = budget;
  }

  static open(
    bytes: Uint8Array,
    limits: Pick<FileLimits, 'maxZipEntries' | 'maxUncompressedBytes'>,
  ): ZipArchive {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const eocd = findEocd(view);
    if (eocd < 0) throw malformed('no end-of-central-directory record');
    const diskNo = view.getUint16(eocd + 4, true);
    const cdDisk = view.getUint16(eocd + 6, true);
    const entriesOnDisk = view.getUint16(eocd + 8, true);
    const totalEntries = view.getUint16(eocd + 10, true);
    const cdSize = view.getUint32(eocd + 12, true);
    const cdOffset = view.getUint32(eocd + 16, true);
    if (totalEntries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      throw malformed('ZIP64 archives are not accepted');
    }
    if (diskNo !== 0 || cdDisk !== 0 || entriesOnDisk !== totalEntries) {
      throw malformed('multi-disk archives are not accepted');
    }
    if (totalEntries > limits.maxZipEntries) {
      throw new FileError('FILE_ZIP_BOMB', 'The workbook contains too many parts.', {
        entries: totalEntries,
        limit: limits.maxZipEntries,
      });
    }
    if (cdOffset + cdSize > eocd) throw malformed('central directory out of bounds');

    const entries = new Map<string, ZipEntry>();
    let declaredTotal = 0;
    let p = cdOffset;
    const nameDecoder = new TextDecoder('utf-8');
    for (let i = 0; i < totalEntries; i++) {
      if (p + 46 > cdOffset + cdSize || view.getUint32(p, true) !== SIG_CENTRAL) {
        throw malformed('bad central directory entry', { index: i });
      }
      const flags = view.getUint16(p + 8, true);
      const method = view.getUint16(p + 10, true);
      const compressedSize = view.getUint32(p + 20, true);
      const uncompressedSize = view.getUint32(p + 24, true);
      const nameLen = view.getUint16(p + 28, true);
      const extraLen = view.getUint16(p + 30, true);
      const commentLen = view.getUint16(p + 32, true);
      const localHeaderOffset = view.getUint32(p + 42, true);
      const name = nameDecoder.decode(bytes.subarray(p + 46, p + 46 + nameLen));
      p += 46 + nameLen + extraLen + commentLen;

      if (flags & 0x1) throw malformed('encrypted entries are not accepted', { entry: name });
      if (method !== 0 && method !== 8) throw malformed('unsupported compression', { entry: name, method });
      if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff) {
        throw malformed('ZIP64 entries are not accepted');
      }
      if (localHeaderOffset + 30 + compressedSize > cdOffset) {
        throw malformed('entry data out of bounds', { entry: name });
      }
      if (entries.has(name)) throw malformed('duplicate entry name', { entry: name });
      declaredTotal += uncompressedSize;
      if (declaredTotal > limits.maxUncompressedBytes) {
        throw new FileError('FILE_ZIP_BOMB', 'The workbook would expand beyond the allowed size.', {
          declaredBytes: declaredTotal,
          limit: limits.maxUncompressedBytes,
        });
      }
      entries.set(name, { name, method, compressedSize, uncompressedSize, localHeaderOffset });
    }
    const firstOffset = Math.min(...[...entries.values()].map((e) => e.localHeaderOffset));
    if (entries.size > 0 && firstOffset !== 0) {
      // Bytes before the first local header: a self-extractor or a polyglot file.
      throw malformed('unexpected data before the first entry');
    }
    return new ZipArchive(bytes, entries, limits.maxUncompressedBytes);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /**
   * Yields the uncompressed bytes of `name` chunk by chunk under the byte caps: the entry may
   * produce no more than it declared, than the archive's remaining budget, nor than `maxBytes`.
   * Pull-based, so a caller that stops iterating stops the decompression.
   */
  *readChunks(name: string, maxBytes = Infinity): Generator<Uint8Array> {
    const entry = this.entries.get(name);
    if (!entry) throw malformed('missing part', { entry: name });
    const data = this.entryData(entry);
    const already = this.charged.get(name) ?? 0;
    const cap = Math.min(entry.uncompressedSize, this.remaining + already, maxBytes);
    let produced = 0;
    const account = (n: number): void => {
      produced += n;
      const extra = produced - (this.charged.get(name) ?? 0);
      if (extra > 0) {
        this.remaining -= extra;
        this.charged.set(name, produced);
      }
      if (produced > cap) {
        throw new FileError('FILE_ZIP_BOMB', 'The workbook expands beyond its declared or allowed size.', {
          entry: name,
          declaredBytes: entry.uncompressedSize,
          limit: cap,
        });
      }
    };
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.uncompressedSize)
        throw malformed('stored size mismatch', { entry: name });
      account(data.length);
      if (data.length > 0) yield data;
    } else {
      let out: Uint8Array[] = [];
      const inflater = new Inflate((chunk) => {
        account(chunk.length);
        if (chunk.length > 0) out.push(chunk);
      });
      const push = (slice: Uint8Array, final: boolean): void => {
        try {
          inflater.push(slice, final);
        } catch (e) {
          if (e instanceof FileError) throw e;
          throw malformed('invalid deflate data', { entry: name, reason: (e as Error).message });
        }
      };
      if (data.length === 0) push(new Uint8Array(0), true);
      for (let off = 0; off < data.length; off += INFLATE_SLICE) {
        const end = Math.min(off + INFLATE_SLICE, data.length);
        push(data.subarray(off, end), end === data.length);
        const ready = out;
        out = [];
        yield* ready;
      }
    }
    if (produced !== entry.uncompressedSize) {
      throw malformed('entry shorter than declared', { entry: name });
    }
  }

  /** Reads a small part (workbook, relationships, styles) whole, as UTF-8 text, under `maxBytes`. */
  readText(name: string, maxBytes = 16 * 1024 * 1024): string {
    const decoder = new TextDecoder('utf-8');
    let out = '';
    for (const chunk of this.readChunks(name, maxBytes)) out += decoder.decode(chunk, { stream: true });
    return out + decoder.decode();
  }

  private entryData(entry: ZipEntry): Uint8Array {
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    const p = entry.localHeaderOffset;
    if (view.getUint32(p, true) !== SIG_LOCAL) throw malformed('bad local header', { entry: entry.name });
    const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
    const end = start + entry.compressedSize;
    if (end > this.bytes.length) throw malformed('entry data out of bounds', { entry: entry.name });
    return this.bytes.subarray(start, end);
  }
}

function findEocd(view: DataView): number {
  // The EOCD is 22 bytes plus a comment of up to 65,535 bytes at the very end of the file.
  const min = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let p = view.byteLength - 22; p >= min; p--) {
    if (view.getUint32(p, true) === SIG_EOCD) return p;
  }
  return -1;
}

export function isZipMagic(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
  );
}
