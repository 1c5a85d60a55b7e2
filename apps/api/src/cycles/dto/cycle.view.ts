import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CYCLE_PHASES, type CyclePhase, type CycleStatus } from '@qcycle/domain';

export class CycleLiveView {
  @ApiProperty({ example: 'RUNNING', description: 'Temporal execution status of the cycle workflow' })
  executionStatus!: string;

  @ApiPropertyOptional({ enum: ['running', 'closed', 'cancelled'], description: "The workflow's own answer (query)" })
  status?: CycleStatus;

  @ApiPropertyOptional({ enum: CYCLE_PHASES })
  phase?: CyclePhase;
}

export class CycleView {
  @ApiProperty({ example: 'kontum-2024' })
  id!: string;

  @ApiProperty({ example: 'quality-cycle/kontum/2024' })
  workflowId!: string;

  @ApiProperty({ example: 'kontum' })
  organisationCode!: string;

  @ApiProperty({ example: 2024 })
  year!: number;

  @ApiPropertyOptional({ description: 'When the cycle was recorded (absent until the worker has recorded it)', example: '2024-01-05T02:00:00.000Z' })
  startedAt?: string;

  @ApiPropertyOptional({ enum: ['running', 'closed', 'cancelled'], description: 'Status as recorded in the database' })
  status?: CycleStatus;

  @ApiPropertyOptional({ enum: CYCLE_PHASES, description: 'Phase as recorded in the database' })
  phase?: CyclePhase;

  @ApiProperty({ type: CycleLiveView })
  live!: CycleLiveView;
}
