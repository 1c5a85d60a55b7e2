import { ApiProperty } from '@nestjs/swagger';
import { TASK_KINDS } from '@qcycle/domain';
import { TaskTitleView } from '../../tasks/dto/task.dto';

/** A task as an answer about many at once names it (a hand-over, a unit's urge): id, kind, title. */
export class TaskBriefView {
  @ApiProperty({ example: 'quality-cycle/kontum/2024/monitoring/obj-2/measure/2024-Q1' })
  taskId!: string;

  @ApiProperty({ enum: TASK_KINDS, example: 'measurement-report' })
  kind!: string;

  @ApiProperty({ type: TaskTitleView })
  title!: TaskTitleView;
}
