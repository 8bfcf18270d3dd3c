import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';

export interface Tx {
  em: EntityManager;
  /** Runs after the transaction commits (never after a rollback), e.g. to publish domain events. */
  afterCommit(fn: () => void | Promise<void>): void;
}

type Hook = () => void | Promise<void>;
interface Committed<T> {
  result: T;
  hooks: Hook[];
}

const RETRYABLE_MYSQL = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);

/**
 * The one way to write: a unit of work in one transaction, declared at the edge of a use case.
 * The embedded SQLite driver shares one connection, so its transactions are run one after another
 * (otherwise a second BEGIN would join the first); MySQL runs them concurrently and a deadlock
 * victim is retried.
 */
@Injectable()
export class TransactionRunner {
  private sqliteQueue: Promise<unknown> = Promise.resolve();
  private readonly serialize: boolean;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.serialize = config.database.kind === 'sqlite';
  }

  /**
   * `gate` runs on the transaction's own connection just before BEGIN: a cheap look at the latest
   * committed state that can answer without a transaction (an answer other than undefined is
   * returned as is; a throw refuses). A request that waited for a pooled connection is judged on
   * what is true when it gets one, not on what was true when it arrived (a flash sale's sold-out).
   */
  async run<T>(work: (tx: Tx) => Promise<T>, gate?: (em: EntityManager) => Promise<T | undefined>): Promise<T> {
    let committed: Committed<T>;
    if (this.serialize) {
      const queued = this.sqliteQueue.then(() => this.runOnce(work, gate));
      this.sqliteQueue = queued.catch(() => undefined);
      committed = await queued;
    } else {
      committed = await this.runWithRetry(work, 3, gate);
    }
    // Hooks run after the SQLite queue slot is released: a hook that writes (an event handler
    // opening its own transaction) would otherwise wait on the transaction that scheduled it.
    for (const hook of committed.hooks) await hook();
    return committed.result;
  }

  /**
   * One self-contained statement (an insert, an update): MySQL runs it in autocommit, which is
   * atomic on its own and saves the BEGIN/COMMIT round trips; SQLite still queues it behind any
   * open transaction on its shared connection.
   */
  write<T>(statement: (em: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serialize) return statement(this.dataSource.manager);
    return this.run(({ em }) => statement(em));
  }

  private async runWithRetry<T>(work: (tx: Tx) => Promise<T>, attempts: number, gate?: (em: EntityManager) => Promise<T | undefined>): Promise<Committed<T>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.runOnce(work, gate);
      } catch (error) {
        const code = (error as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (error as { code?: string }).code;
        if (attempt >= attempts || !code || !RETRYABLE_MYSQL.has(code)) throw error;
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
      }
    }
  }

  private async runOnce<T>(work: (tx: Tx) => Promise<T>, gate?: (em: EntityManager) => Promise<T | undefined>): Promise<Committed<T>> {
    const hooks: Hook[] = [];
    if (!gate) {
      const result = await this.dataSource.transaction((em) => work({ em, afterCommit: (fn) => hooks.push(fn) }));
      return { result, hooks };
    }
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const answer = await gate(runner.manager);
      if (answer !== undefined) return { result: answer, hooks };
      await runner.startTransaction();
      try {
        const result = await work({ em: runner.manager, afterCommit: (fn) => hooks.push(fn) });
        await runner.commitTransaction();
        return { result, hooks };
      } catch (error) {
        // The work's error is the one to report, even when the rollback fails too (a lost connection).
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      }
    } finally {
      await runner.release();
    }
  }
}
