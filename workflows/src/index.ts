// Every workflow the worker registers. Workflow code is deterministic: it imports only
// @temporalio/workflow, @qcycle/contracts, @qcycle/domain and types (checked by workflows/src/determinism.spec.ts).
export { qualityCycle } from './quality-cycle.workflow';
