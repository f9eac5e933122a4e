import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Statement } from './statement.entity';

/** A statement's position toward one actor or one topic, from -2 (strongly opposes) to +2. */
@Entity('stances')
export class Stance {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'statement_id' }) statementId: string;
  @ManyToOne(() => Statement, (statement) => statement.stances, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'statement_id' })
  statement: Statement;
  @Column('uuid', { name: 'target_actor_id', nullable: true }) targetActorId: string | null;
  @Column('uuid', { name: 'target_topic_id', nullable: true }) targetTopicId: string | null;
  @Column('smallint') value: number;
}
