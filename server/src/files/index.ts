/**
 * File handling for imports and exports (issue 6), with no database access. Routes and the
 * import service use it as: openTable → matchHeaders → createRowConverter → (resolve references,
 * upsert); exports use csvChunks / xlsxChunks with downloadHeaders.
 */
export * from './content-disposition.js';
export * from './convert.js';
export * from './csv-reader.js';
export * from './csv-writer.js';
export * from './decode.js';
export * from './detect.js';
export * from './enum-allowed.js';
export * from './errors.js';
export * from './export-cell.js';
export * from './enum-values.js';
export * from './field-def.js';
export * from './fields.js';
export * from './formula.js';
export * from './headers.js';
export * from './issues.js';
export * from './limits.js';
export * from './normalize.js';
export * from './prepared-table.js';
export * from './table.js';
export * from './templates.js';
export * from './values.js';
export * from './xlsx-reader.js';
export * from './xlsx-writer.js';
export { ZipArchive, isZipMagic, type ZipEntry } from './zip.js';
