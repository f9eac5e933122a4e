import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

@Entity('sources')
export class Source {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') title: string;
  @Column('text', { nullable: true }) outlet: string | null;
  @Column('text', { nullable: true }) url: string | null;
  @Column('date', { name: 'published_at', nullable: true }) publishedAt: string | null;
  @Column('text', { nullable: true }) lang: string | null;
  /** The agency or wire the outlet credits. */
  @Column('text', { nullable: true }) credit: string | null;
  @Column('text', { nullable: true }) body: string | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
