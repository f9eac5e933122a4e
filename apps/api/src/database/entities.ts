import { ActorRole } from '../actors/actor-role.entity';
import { Actor } from '../actors/actor.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { Event } from '../events/event.entity';
import { Relation } from '../relations/relation.entity';
import { Source } from '../sources/source.entity';
import { Stance } from '../statements/stance.entity';
import { Statement } from '../statements/statement.entity';
import { Tag } from '../tags/tag.entity';
import { Topic } from '../topics/topic.entity';
import { User } from '../users/user.entity';

export const ENTITIES = [Actor, ActorRole, Topic, Tag, Event, Source, Statement, Stance, Relation, User, AuditEntry];
