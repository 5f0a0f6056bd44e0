import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The whole environment, parsed once into a typed, nested config.
 * Nothing else in the server reads process.env: tests build their own Config.
 */
const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    MEILI_URL: z.string().url().optional(),
    MEILI_API_KEY: z.string().min(1).optional(),
    /** A file holding the scoped key, as the compose file's provisioning step leaves it. */
    MEILI_API_KEY_FILE: z.string().min(1).optional(),
    MEILI_MASTER_KEY: z.string().optional(),
    /** Index names start with this: deployments (or test runs) sharing one Meilisearch keep apart. */
    MEILI_INDEX_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, - and _ only (at most 40)')
      .default('rilancio_'),
    DEMO_DATA: z.enum(['auto', 'always', 'never']).default('auto'),
    UI_DIR: z.string().optional(),
    MAP_TILES_URL: z.string().url().optional(),
    SESSION_SECRET: z.string().min(32, 'at least 32 characters').optional(),
    LEDGER_KEY: z.string().min(32, 'at least 32 characters').optional(),
    PUBLIC_URL: z.string().url().optional(),
    SECURE_COOKIES: z.enum(['true', 'false']).optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .optional(),
    MAIL_FROM: z.string().min(3).default('Rilancio <no-reply@localhost>'),
    // Multiplies every abuse limit (requests per minute, quotas): the fuzz run raises them, production keeps 1.
    RATE_LIMIT_FACTOR: z.coerce.number().int().min(1).max(100_000).default(1),
    /** Abuse limits (auth/limits.ts), raised for a load test by configuration, never by a code path. */
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().optional(),
    MATCH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().optional(),
    /**
     * Reverse proxies in front of the app whose X-Forwarded-For to believe (0: none, the default). Behind
     * the compose file's proxy it is 1, so the client's address, not the proxy's, keys the per-IP limits.
     */
    /** Deadline alerts: days before an asset's available-until or an opportunity's deadline. */
    ALERT_DEADLINE_DAYS: z.coerce.number().int().min(1).max(365).default(14),
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    /** Days without verification before an asset listing is flagged "to verify" (issue 16). */
    ASSET_VERIFY_AFTER_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
    /** Days without verification before it leaves the default asset search. */
    ASSET_HIDE_AFTER_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  })
  .refine((env) => env.ASSET_HIDE_AFTER_DAYS > env.ASSET_VERIFY_AFTER_DAYS, {
    message: 'must be greater than ASSET_VERIFY_AFTER_DAYS (a listing is flagged before it is hidden)',
    path: ['ASSET_HIDE_AFTER_DAYS'],
  })
  .refine((env) => env.NODE_ENV !== 'production' || (env.SESSION_SECRET && env.LEDGER_KEY), {
    message: 'SESSION_SECRET and LEDGER_KEY are required in production',
    path: ['SESSION_SECRET'],
  })
  .refine((env) => !(env.MEILI_API_KEY && env.MEILI_API_KEY_FILE), {
    message: 'give MEILI_API_KEY or MEILI_API_KEY_FILE, not both',
    path: ['MEILI_API_KEY_FILE'],
  })
  .refine((env) => env.MEILI_MASTER_KEY === undefined, {
    // The master key belongs to the provisioning script, never to the API process (M2).
    message: 'MEILI_MASTER_KEY must not be given to the API process; use a scoped MEILI_API_KEY',
    path: ['MEILI_MASTER_KEY'],
  });

export interface Config {
  env: 'development' | 'production' | 'test';
  http: { host: string; port: number };
  logLevel: string;
  database: { kind: 'pglite'; dataDir: string | null } | { kind: 'postgres'; url: string };
  search:
    | { kind: 'embedded' }
    | { kind: 'meilisearch'; url: string; apiKey: string | undefined; indexPrefix: string };
  demoData: 'auto' | 'always' | 'never';
  uiDir: string | undefined;
  mapTilesUrl: string | undefined;
  secrets: { session: string | undefined; ledger: string | undefined };
  publicUrl: string;
  secureCookies: boolean;
  /** Unset: e-mails (password-reset links) go to the log, for development and the demo. */
  mail: { smtpUrl: string | undefined; from: string };
  rateLimitFactor: number;
  /** Only the limits set in the environment; the rest keep their defaults. */
  limits: { perMinute?: number; matchPerMinute?: number };
  /** Proxies whose X-Forwarded-For is believed (0: the peer's address is the client's). */
  trustProxyHops: number;
  /** When an unverified asset listing is flagged, and when it leaves the default search. */
  assetFreshness: { verifyAfterDays: number; hideAfterDays: number };
  /** Saved-search alerts (issue 16). */
  alerts: { deadlineDays: number };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    http: { host: e.HOST, port: e.PORT },
    logLevel: e.LOG_LEVEL,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: e.DATA_DIR },
    search: e.MEILI_URL
      ? {
          kind: 'meilisearch',
          url: e.MEILI_URL,
          apiKey: e.MEILI_API_KEY ?? readKeyFile(e.MEILI_API_KEY_FILE),
          indexPrefix: e.MEILI_INDEX_PREFIX,
        }
      : { kind: 'embedded' },
    demoData: e.DEMO_DATA,
    uiDir: e.UI_DIR,
    mapTilesUrl: e.MAP_TILES_URL,
    secrets: { session: e.SESSION_SECRET, ledger: e.LEDGER_KEY },
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    secureCookies: e.SECURE_COOKIES ? e.SECURE_COOKIES === 'true' : e.NODE_ENV === 'production',
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    rateLimitFactor: e.RATE_LIMIT_FACTOR,
    limits: {
      ...(e.RATE_LIMIT_PER_MINUTE ? { perMinute: e.RATE_LIMIT_PER_MINUTE } : {}),
      ...(e.MATCH_RATE_LIMIT_PER_MINUTE ? { matchPerMinute: e.MATCH_RATE_LIMIT_PER_MINUTE } : {}),
    },
    trustProxyHops: e.TRUST_PROXY_HOPS,
    assetFreshness: { verifyAfterDays: e.ASSET_VERIFY_AFTER_DAYS, hideAfterDays: e.ASSET_HIDE_AFTER_DAYS },
    alerts: { deadlineDays: e.ALERT_DEADLINE_DAYS },
  };
}

function readKeyFile(path: string | undefined): string | undefined {
  if (!path) return undefined;
  try {
    const key = readFileSync(path, 'utf8').trim();
    if (key) return key;
  } catch {
    // reported below
  }
  throw new ConfigError(
    `Invalid configuration:\n  MEILI_API_KEY_FILE: no key in ${path} (run the provisioning step)`,
  );
}
