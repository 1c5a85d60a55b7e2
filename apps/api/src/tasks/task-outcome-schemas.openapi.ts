import { getSchemaPath, type OpenAPIObject } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { TASK_KINDS, TASK_OUTCOME_SCHEMAS, outcomeSchemaName, type TaskKind } from '@qcycle/domain';

/**
 * The outcome schemas of libs/domain (the ones the workflow validators check with) as components
 * of the OpenAPI document, one per task kind, named by `outcomeSchemaName` (`MeasurementReportOutcome`).
 * They are plain JSON Schema, not DTO classes, so they are added to the built document.
 */
export function withTaskOutcomeSchemas(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas ??= {};
  for (const kind of TASK_KINDS) {
    document.components.schemas[outcomeSchemaName(kind)] = structuredClone(
      TASK_OUTCOME_SCHEMAS[kind],
    ) as SchemaObject;
  }
  return document;
}

/** `oneOf` every kind's outcome component: the task's kind picks which. */
export const TASK_OUTCOME_ONE_OF = TASK_KINDS.map((kind) => ({
  $ref: getSchemaPath(outcomeSchemaName(kind)),
}));

/** The JSON Schema of a task kind's outcome; `{}` (anything) for a kind this version does not know. */
export function outcomeSchemaOf(kind: string): Record<string, unknown> {
  return (TASK_KINDS as readonly string[]).includes(kind)
    ? (TASK_OUTCOME_SCHEMAS[kind as TaskKind] as Record<string, unknown>)
    : {};
}
