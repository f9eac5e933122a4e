import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '@stance/common';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') email: string;
  @Column('text', { default: '' }) name: string;
  @Column('text') role: Role;
  @Column('text', { name: 'password_hash', select: false }) passwordHash: string;
  @Column('boolean', { default: false }) disabled: boolean;
  /** Part of every token; disabling the account moves it on (a trigger), which revokes the tokens issued before. */
  @Column({ type: 'integer', name: 'token_generation', select: false, insert: false, update: false }) tokenGeneration: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
