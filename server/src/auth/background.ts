import type { FastifyBaseLogger } from 'fastify';

/**
 * Work that must not run inside the request that asked for it. A password-reset mail, for instance: how
 * long the relay takes, or whether it fails, would tell the caller that the address has an account.
 * Tasks run one after another in this process; a failure is logged and never becomes an unhandled
 * rejection. Nothing survives a restart (the user asks for another link).
 */
export interface BackgroundTasks {
  run(name: string, task: () => Promise<void>): void;
  /** Resolves when every task queued so far has finished (tests, and a clean shutdown). */
  idle(): Promise<void>;
}

export function createBackgroundTasks(
  log: Pick<FastifyBaseLogger, 'error' | 'warn'>,
  options: { maxPending?: number; describe?: (error: unknown) => string } = {},
): BackgroundTasks {
  // Bounded, so a flood of requests cannot grow memory without limit (the routes are rate-limited too).
  const maxPending = options.maxPending ?? 1000;
  const describe = options.describe ?? ((error) => (error instanceof Error ? error.message : String(error)));
  let tail: Promise<void> = Promise.resolve();
  let pending = 0;
  return {
    run(name, task) {
      if (pending >= maxPending) {
        log.warn({ task: name, pending }, 'background queue full: task dropped');
        return;
      }
      pending++;
      tail = tail
        .then(task)
        .catch((error: unknown) =>
          log.error({ task: name, error: describe(error) }, 'background task failed'),
        )
        .finally(() => {
          pending--;
        });
    },
    idle: () => tail,
  };
}
