import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Actor } from './actor.entity';

/** An office a person held in a body or state, and when. */
@Entity('actor_roles')
export class ActorRole {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'person_id' }) personId: string;
  @ManyToOne(() => Actor, (actor) => actor.roles, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person: Actor;
  @Column('uuid', { name: 'actor_id' }) actorId: string;
  @Column('text') title: string;
  @Column('date', { name: 'started_on', nullable: true }) from: string | null;
  @Column('date', { name: 'ended_on', nullable: true }) to: string | null;
}
