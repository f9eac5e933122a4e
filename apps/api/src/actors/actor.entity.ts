import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { ActorKind } from '@stance/common';
import { ActorRole } from './actor-role.entity';

@Entity('actors')
export class Actor {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') slug: string;
  @Column('text') name: string;
  @Column('jsonb', { default: {} }) names: Record<string, string>;
  @Column('text', { array: true, default: [] }) aliases: string[];
  @Column('text') kind: ActorKind;
  @Column('uuid', { name: 'parent_id', nullable: true }) parentId: string | null;
  /** Ids from the root to this actor, maintained by the database. */
  @Column({ type: 'uuid', array: true, insert: false, update: false }) path: string[];
  @Column('text', { nullable: true }) description: string | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @OneToMany(() => ActorRole, (role) => role.person, { cascade: true }) roles: ActorRole[];
}
