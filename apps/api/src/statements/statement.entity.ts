import {
  Column,
  CreateDateColumn,
  DeleteDateColumn,
  Entity,
  JoinTable,
  ManyToMany,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { Channel, StatementKind, StatementStatus } from '@stance/common';
import { Tag } from '../tags/tag.entity';
import { Topic } from '../topics/topic.entity';
import { Stance } from './stance.entity';

@Entity('statements')
export class Statement {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** The wording as the source reports it. */
  @Column('text') text: string;
  @Column('text') lang: string;
  @Column('jsonb', { default: {} }) translations: Record<string, string>;
  /** The language the speaker used, when `text` is a translation of it. */
  @Column('text', { name: 'original_lang', nullable: true }) originalLang: string | null;
  @Column('text') kind: StatementKind;
  @Column('text', { default: 'statement' }) channel: Channel;
  @Column('uuid', { name: 'speaker_id', nullable: true }) speakerId: string | null;
  /** The body or group spoken for; never a person. */
  @Column('uuid', { name: 'actor_id' }) actorId: string;
  @Column('date', { name: 'said_on' }) saidOn: string;
  @Column('uuid', { name: 'source_id', nullable: true }) sourceId: string | null;
  @Column('uuid', { name: 'event_id', nullable: true }) eventId: string | null;
  @Column('text', { default: 'draft' }) status: StatementStatus;
  @Column('text', { nullable: true }) notes: string | null;
  @VersionColumn() version: number;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy: string | null;
  @Column('uuid', { name: 'updated_by', nullable: true }) updatedBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @DeleteDateColumn({ name: 'deleted_at', type: 'timestamptz' }) deletedAt: Date | null;

  @OneToMany(() => Stance, (stance) => stance.statement, { cascade: true }) stances: Stance[];
  @ManyToMany(() => Topic)
  @JoinTable({ name: 'statement_topics', joinColumn: { name: 'statement_id' }, inverseJoinColumn: { name: 'topic_id' } })
  topics: Topic[];
  @ManyToMany(() => Tag)
  @JoinTable({ name: 'statement_tags', joinColumn: { name: 'statement_id' }, inverseJoinColumn: { name: 'tag_id' } })
  tags: Tag[];
}
