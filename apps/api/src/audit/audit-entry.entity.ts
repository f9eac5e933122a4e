import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AuditAction } from '@stance/common';

/** One change to one record: who, when, what, and each changed field as [before, after]. */
@Entity('audit')
export class AuditEntry {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('timestamptz', { default: () => 'clock_timestamp()' }) at: Date;
  @Column('uuid', { name: 'user_id', nullable: true }) userId: string | null;
  @Column('text') action: AuditAction;
  @Column('text', { name: 'entity_type' }) entityType: string;
  @Column('uuid', { name: 'entity_id' }) entityId: string;
  @Column('jsonb', { default: {} }) changes: Record<string, [unknown, unknown]>;
}
