import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { RelationType } from '@stance/common';

/** A typed cross-reference from one statement to another (responds to, contradicts…). */
@Entity('relations')
export class Relation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'from_statement_id' }) fromStatementId: string;
  @Column('uuid', { name: 'to_statement_id' }) toStatementId: string;
  @Column('text') type: RelationType;
  @Column('text', { nullable: true }) note: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
