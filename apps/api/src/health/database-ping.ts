import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { Client, ClientConfig, Pool } from 'pg';
import { DataSource } from 'typeorm';

/**
 * Pings PostgreSQL on a connection of its own, outside the pool: when every pooled connection is
 * busy and requests queue for one, the database is still up, and the health check must say so
 * rather than wait in that queue. The connection is opened on first use, with the pool's settings
 * (so the same connect timeout), and opened again after any failure.
 */
@Injectable()
export class DatabasePing implements OnApplicationShutdown {
  private client: Promise<Client> | undefined;

  constructor(private readonly dataSource: DataSource) {}

  /** Resolves when `SELECT 1` answers within `timeoutMs`; rejects otherwise. */
  async ping(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
    });
    try {
      await Promise.race([this.connection().then((client) => client.query('SELECT 1')), timeout]);
    } catch (error) {
      this.drop();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Requests waiting for a pooled connection of the primary, and the connections in use: how busy, not whether up. */
  poolLoad(): { waiting: number; inUse: number; size: number } {
    const pool = (this.dataSource.driver as unknown as { master: Pool & { options: { max: number } } }).master;
    return { waiting: pool.waitingCount, inUse: pool.totalCount - pool.idleCount, size: pool.options.max };
  }

  onApplicationShutdown(): void {
    this.drop();
  }

  private connection(): Promise<Client> {
    if (this.client) return this.client;
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master as unknown as {
      Client: new (config: ClientConfig) => Client;
      options: ClientConfig;
    };
    const client = new pool.Client(pool.options);
    const opening = client.connect().then(() => client);
    // A connection lost later (e.g. PostgreSQL restarted) is forgotten; the next ping opens another.
    client.on('error', () => {
      if (this.client === opening) this.drop();
    });
    this.client = opening;
    return opening;
  }

  private drop(): void {
    const current = this.client;
    this.client = undefined;
    current?.then((open) => open.end()).catch(() => undefined);
  }
}
