import { ApiProperty } from '@nestjs/swagger';
import { AUDIT_ACTIONS, type AuditAction } from '@stance/common';

/** One change to one record: who, when, what, and each changed field as `[before, after]`. */
export class AuditEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: Date;
  @ApiProperty({ format: 'uuid', nullable: true, description: 'null for changes made by the system (first admin, seed)' })
  userId: string | null;
  @ApiProperty({ nullable: true, example: 'editor@example.org', description: 'shown to admins only (null for others)' })
  userEmail: string | null;
  @ApiProperty({ nullable: true, example: 'Lena Editor', description: 'shown to editors and admins (null for analysts)' })
  userName: string | null;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action: AuditAction;
  @ApiProperty({ example: 'statements' }) entityType: string;
  @ApiProperty({ format: 'uuid' }) entityId: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', minItems: 2, maxItems: 2 },
    example: { status: ['draft', 'published'] },
    description: 'field → [before, after]; secrets (passwords) appear as ["***", "***"]',
  })
  changes: Record<string, [unknown, unknown]>;
}

export interface AuditFilter {
  id?: string[];
  entityType?: string[];
  entityId?: string[];
  /** null: changes made by the system. */
  userId?: string[] | null;
  action?: string[];
  from?: string;
  to?: string;
}
