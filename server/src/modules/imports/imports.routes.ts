import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../auth/access.js';
import { authorize } from '../../auth/policy.js';
import type { Principal } from '../../auth/principal.js';
import { AppError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.js';
import { findControlCharacters, stripControlCharacters } from '../../lib/control-chars.js';
import {
  csvChunks,
  csvTemplate,
  downloadHeaders,
  ENTITIES,
  exportFilename,
  isFileError,
  LANGS,
  xlsxTemplate,
  type EntityName,
  type Lang,
} from '../../files/index.js';
import { ErrorResponseSchema, errorResponses, IdParamsSchema } from '../shared/schemas.js';
import { parseCorrections } from './corrections.js';
import type { ImportJobRow } from './imports.repository.js';
import { IMPORT_STALE_AFTER_MS, type ImportService } from './imports.service.js';
import { decodeJobError } from './job-error.js';
import type { StoredUpload } from './upload-store.js';

const STAFF = ['admin', 'operator'] as const;
const EntitySchema = z.enum(ENTITIES as [EntityName, ...EntityName[]]);
const LangSchema = z.enum(LANGS as [Lang, ...Lang[]]).default('it');

const ImportJobViewSchema = z.object({
  id: z.uuid(),
  deskId: z.uuid(),
  entity: z.string(),
  fileName: z.string(),
  fileSha256: z.string(),
  fileSize: z.number(),
  dryRun: z.boolean(),
  status: z
    .enum(['pending', 'running', 'done', 'failed', 'interrupted'])
    .describe('interrupted: the server stopped during the run; upload the same file again to resume'),
  cursor: z.number(),
  totalRows: z.number().nullable(),
  progress: z.number().describe('0..1: rows processed / rows in the file'),
  counts: z.record(z.string(), z.number()),
  error: z.string().nullable().describe('why the job failed, in English'),
  errorCode: z
    .string()
    .nullable()
    .describe(
      'the failure as a stable code (FILE_TOO_MANY_BAD_ROWS, IMPORT_COLUMNS_MISSING …) for screens to word',
    ),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  report: z.object({
    total: z.number(),
    offset: z.number(),
    items: z.array(z.record(z.string(), z.unknown())),
  }),
});

async function view(service: ImportService, job: ImportJobRow, page = { offset: 0, limit: 100 }) {
  const items = await service.reportPage(job.id, page);
  return {
    id: job.id,
    deskId: job.deskId,
    entity: job.entity,
    fileName: job.fileName,
    fileSha256: job.fileSha256,
    fileSize: job.fileSize,
    dryRun: job.dryRun,
    status: job.status as 'pending' | 'running' | 'done' | 'failed' | 'interrupted',
    cursor: job.cursor,
    totalRows: job.totalRows,
    progress: job.totalRows ? Math.min(1, job.cursor / job.totalRows) : job.status === 'done' ? 1 : 0,
    counts: job.counts as Record<string, number>,
    ...decodeJobError(job.error),
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt ? job.finishedAt.toISOString() : null,
    report: {
      total: job.reportSize,
      offset: page.offset,
      items: items as unknown as Record<string, unknown>[],
    },
  };
}

/** Operators see their own desk's jobs only; others' ids answer 404, so they reveal nothing. */
async function visibleJob(service: ImportService, id: string, principal: Principal) {
  const job = await service.get(id);
  if (!job) throw new NotFoundError('import', id);
  authorize(
    principal,
    'read',
    'import_job',
    { deskId: job.deskId, createdBy: job.createdBy },
    { entity: 'import', id },
  );
  return job;
}

const FormSchema = z.strictObject({
  entity: EntitySchema,
  dryRun: z.enum(['true', 'false']).default('true'),
  mapping: z.string().max(20_000).optional(),
  defaults: z.string().max(20_000).optional(),
  corrections: z.string().max(400_000).optional(),
  sheet: z.string().max(100).optional(),
  desk: z.string().max(64).optional(),
});

function parseJsonObject(text: string | undefined, path: string): Record<string, string | null> | undefined {
  if (text === undefined || text === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ValidationError([{ path, reason: 'not valid JSON' }]);
  }
  const parsed = z.record(z.string().max(300), z.string().max(300).nullable()).safeParse(value);
  if (!parsed.success || Array.isArray(value))
    throw new ValidationError([{ path, reason: 'an object of strings' }]);
  // Copied from JSON.parse's own properties onto a null prototype: a "__proto__" key stays a plain
  // key (zod's output, built by assignment, would turn it into a prototype and drop it).
  const out = Object.create(null) as Record<string, string | null>;
  for (const [k, v] of Object.entries(value as Record<string, string | null>)) out[k] = v;
  return out;
}

/**
 * Reads the multipart form: one file and a few small fields; the plugin's limits answer 413 past them.
 * The file streams to the service's upload store as it arrives (finding 17: never one 34 MB buffer on
 * the server thread); if the form turns out to be unusable, the saved upload is removed again.
 */
async function readUpload(request: FastifyRequest, service: ImportService) {
  if (!request.isMultipart())
    throw new AppError('MULTIPART_EXPECTED', 'Send the file as multipart/form-data', 415);
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  let file: { upload: StoredUpload; fileName: string } | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file')
          throw new ValidationError([{ path: part.fieldname, reason: 'unexpected file' }]);
        file = {
          upload: await service.receive(part.file),
          // Only shown back to people: control characters are dropped rather than refused.
          fileName: stripControlCharacters(part.filename ?? '') || 'upload',
        };
        // Past the size limit the plugin cuts the file short: the same 413 as its toBuffer() gives.
        if (part.file.truncated) throw new request.server.multipartErrors.RequestFileTooLargeError();
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
    if (!file) throw new ValidationError([{ path: 'file', reason: 'required' }]);
    // The form fields never pass the JSON preValidation check (finding 8): the same rule here, since the
    // mapping and defaults end up in a jsonb column that refuses U+0000. The file name is cleaned above.
    const control = findControlCharacters(fields, 'body');
    if (control.length > 0) throw new ValidationError(control, 'Text must not contain control characters');
    const form = FormSchema.safeParse({ ...fields });
    if (!form.success)
      throw new ValidationError(
        form.error.issues.map((i) => ({ path: i.path.join('.') || 'form', reason: i.message })),
      );
    return { file, form: form.data };
  } catch (error) {
    if (file) await service.discard(file.upload);
    throw error;
  }
}

export function importsRoutes(app: FastifyInstance, service: ImportService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Finding 19, issue 15: jobs a dead process left `running` are resumed here (or marked interrupted when
  // their file was not kept) at start-up, then every half stale window (a job of a process that died
  // just before this one started, or while it runs, goes stale only later).
  let sweep: NodeJS.Timeout | undefined;
  const recover = () =>
    service
      .recoverInterrupted()
      .then((outcome) => {
        if (outcome.resumed.length + outcome.interrupted.length > 0)
          app.log.warn(outcome, 'imports of a stopped process taken over');
      })
      .catch((error: unknown) => app.log.warn({ err: error }, 'import recovery'));
  app.addHook('onReady', async () => {
    await recover();
    sweep = setInterval(() => void recover(), IMPORT_STALE_AFTER_MS / 2).unref();
  });
  app.addHook('onClose', async () => {
    clearInterval(sweep);
    await service.close();
  });

  r.post(
    '/imports',
    {
      config: { access: STAFF },
      schema: {
        tags: ['imports'],
        description:
          'Upload a CSV or XLSX (multipart: file, entity, dryRun, mapping JSON, defaults JSON, sheet, desk for admins, ' +
          'corrections JSON: accepted ESCO suggestions [{field, value, uri, row?}], row absent = every row with that value). ' +
          'Returns the job (202 while it runs in the background); the same file again returns the same job.',
        response: {
          200: ImportJobViewSchema,
          202: ImportJobViewSchema,
          413: ErrorResponseSchema,
          415: ErrorResponseSchema,
          422: ErrorResponseSchema,
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { file, form } = await readUpload(request, service);
      // Until submit takes the upload over, a refusal here removes it.
      let handedOver = false;
      try {
        let deskId = principal.deskId;
        if (principal.role === 'admin' && form.desk) {
          deskId = (await service.resolveDesk(form.desk)) ?? null;
          if (!deskId) throw new ValidationError([{ path: 'desk', reason: 'unknown desk' }]);
        } else if (principal.role !== 'admin' && form.desk && form.desk !== principal.deskId) {
          throw new ForbiddenError('Operators import into their own desk only');
        }
        if (!deskId) throw new ValidationError([{ path: 'desk', reason: 'which desk the file belongs to' }]);
        const options = {
          mapping: parseJsonObject(form.mapping, 'mapping'),
          defaults: parseJsonObject(form.defaults, 'defaults') as Record<string, string> | undefined,
          corrections: parseCorrections(form.corrections),
          sheet: form.sheet,
        };
        handedOver = true;
        const { job, started } = await service.submit({
          source: file.upload,
          fileName: file.fileName,
          entity: form.entity,
          dryRun: form.dryRun === 'true',
          deskId,
          createdBy: principal.userId,
          options,
        });
        return reply.code(started || job.status !== 'done' ? 202 : 200).send(await view(service, job));
      } catch (error) {
        if (!handedOver) await service.discard(file.upload);
        if (isFileError(error))
          throw new AppError(
            error.code,
            error.message,
            error.statusCode,
            Object.entries(error.details).map(([path, v]) => ({ path, reason: String(v) })),
          );
        throw error;
      }
    },
  );

  r.get(
    '/imports/:id',
    {
      config: { access: STAFF },
      schema: {
        tags: ['imports'],
        params: IdParamsSchema,
        querystring: z.strictObject({
          offset: z.coerce.number().int().min(0).default(0),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: ImportJobViewSchema, ...errorResponses },
      },
    },
    async (request) =>
      view(service, await visibleJob(service, request.params.id, principalOf(request)), request.query),
  );

  r.get(
    '/imports/:id/report.csv',
    {
      config: { access: STAFF },
      schema: {
        tags: ['imports'],
        params: IdParamsSchema,
        querystring: z.strictObject({ lang: LangSchema }),
      },
    },
    async (request, reply) => {
      const job = await visibleJob(service, request.params.id, principalOf(request));
      const lang = request.query.lang;
      const header = {
        it: [
          'Riga',
          'Colonna',
          'Intestazione',
          'Campo',
          'Valore',
          'Codice',
          'Gravità',
          'Motivo',
          'Suggerimenti',
        ],
        fr: ['Ligne', 'Colonne', 'En-tête', 'Champ', 'Valeur', 'Code', 'Gravité', 'Motif', 'Suggestions'],
        en: ['Row', 'Column', 'Header', 'Field', 'Value', 'Code', 'Severity', 'Reason', 'Suggestions'],
      }[lang];
      const rows = [
        header,
        ...(await service.report(job.id)).map((e) => [
          e.row,
          e.column?.letter ?? '',
          e.column?.header ?? '',
          e.field ?? '',
          e.value ?? '',
          e.code,
          e.severity,
          e.message[lang] + (e.detail ? ` (${e.detail})` : ''),
          (e.suggestions ?? [])
            .map((s) => `${s.label} <${s.uri}> ${Math.round(s.confidence * 100)}%`)
            .join('; '),
        ]),
      ];
      return reply
        .headers(downloadHeaders(exportFilename(`import-report-${job.id.slice(0, 8)}`, 'csv'), 'csv'))
        .send(Readable.from(csvChunks(rows, { lang })));
    },
  );

  r.get(
    '/imports/templates/:entity',
    {
      config: { access: ['admin', 'operator', 'marketing', 'company'] },
      schema: {
        tags: ['imports'],
        params: z.strictObject({ entity: EntitySchema }),
        querystring: z.strictObject({ format: z.enum(['csv', 'xlsx']).default('xlsx'), lang: LangSchema }),
      },
    },
    async (request, reply) => {
      const { entity } = request.params;
      const { format, lang } = request.query;
      const body = format === 'csv' ? csvTemplate(entity, lang) : await xlsxTemplate(entity, lang);
      return reply
        .headers(downloadHeaders(`rilancio-template-${entity}-${lang}.${format}`, format))
        .send(Buffer.from(body));
    },
  );
}
