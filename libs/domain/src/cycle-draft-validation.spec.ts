import type { CycleDraft } from './cycle-draft';
import { validateCycleDraft } from './cycle-draft-validation';
import type { Indicator, RatioIndicator } from './indicator';
import { loadTemplate } from './templates/template-registry';

function draftWith(change: (draft: CycleDraft) => void): CycleDraft {
  const draft = loadTemplate('kontum-2024');
  change(draft);
  return draft;
}
const problemsOf = (change: (draft: CycleDraft) => void) =>
  validateCycleDraft(draftWith(change)).map(({ path, code }) => `${path}:${code}`);
const onTimeOf = (draft: CycleDraft) => draft.objectives[3].indicators[1] as RatioIndicator;

describe('validateCycleDraft', () => {
  it('accepts the Kon Tum template', () => {
    expect(validateCycleDraft(loadTemplate('kontum-2024'))).toEqual([]);
  });

  it('refuses an objective with no indicator: it would not be measurable (ISO 6.2.1 b)', () => {
    expect(problemsOf((d) => (d.objectives[4].indicators = []))).toEqual([
      'objectives[4].indicators:required',
    ]);
  });

  it('refuses duplicate objective and indicator ids', () => {
    expect(problemsOf((d) => (d.objectives[1].id = 'obj-1'))).toEqual(['objectives[1].id:duplicate']);
    expect(problemsOf((d) => (d.objectives[3].indicators[1].id = 'obj-4-per-process'))).toEqual([
      'objectives[3].indicators[1].id:duplicate',
    ]);
    // Indicator ids are unique across objectives too: measurements name only the indicator.
    expect(problemsOf((d) => (d.objectives[2].indicators[0].id = 'obj-2-key-tasks'))).toEqual([
      'objectives[2].indicators[0].id:duplicate',
    ]);
  });

  it('refuses ratio targets outside 0–100%, with more than two decimals, or unattainable', () => {
    expect(problemsOf((d) => (onTimeOf(d).target.value = 120))).toEqual([
      'objectives[3].indicators[1].target.value:out-of-range',
    ]);
    expect(problemsOf((d) => (onTimeOf(d).target.value = -1))).toEqual([
      'objectives[3].indicators[1].target.value:out-of-range',
    ]);
    expect(problemsOf((d) => (onTimeOf(d).target.value = 66.667))).toEqual([
      'objectives[3].indicators[1].target.value:invalid-value',
    ]);
    expect(problemsOf((d) => (onTimeOf(d).target = { comparator: '>', value: 100 }))).toEqual([
      'objectives[3].indicators[1].target:inconsistent',
    ]);
    expect(problemsOf((d) => (onTimeOf(d).target.value = 66.67))).toEqual([]);
  });

  it('refuses an unknown comparator and a fractional count target', () => {
    expect(problemsOf((d) => ((onTimeOf(d).target as { comparator: string }).comparator = '<'))).toEqual([
      'objectives[3].indicators[1].target.comparator:invalid-value',
    ]);
    expect(
      problemsOf((d) => {
        const audits = d.objectives[4].indicators[0] as Indicator & { kind: 'count' };
        audits.target.value = 1.5;
      }),
    ).toEqual(['objectives[4].indicators[0].target.value:out-of-range']);
  });

  it('requires an owner unit that exists and a complete 6.2.2 plan', () => {
    expect(problemsOf((d) => (d.objectives[1].ownerUnitCode = 'vp-khong-co'))).toEqual([
      'objectives[1].ownerUnitCode:unknown-reference',
    ]);
    expect(problemsOf((d) => (d.objectives[1].plan.resources = ' '))).toEqual([
      'objectives[1].plan.resources:required',
    ]);
  });

  it('requires objectives numbered 1…n and a known frequency', () => {
    expect(problemsOf((d) => (d.objectives[2].number = 4))).toEqual(['objectives[2].number:inconsistent']);
    expect(problemsOf((d) => ((d.objectives[2] as { frequency: string }).frequency = 'weekly'))).toEqual([
      'objectives[2].frequency:invalid-value',
    ]);
  });

  it("requires the decision's parts: objectives, legal bases, signer, recipients", () => {
    expect(
      problemsOf((d) => {
        d.objectives = [];
        d.legalBases = [];
        d.recipients = [];
        d.signer = { name: '', title: 'Phó Chủ tịch', signingMode: 'KT.' };
      }),
    ).toEqual([
      'legalBases:required',
      'objectives:required',
      'signer.name:required',
      'signer.onBehalfOfTitle:required',
      'recipients:required',
    ]);
  });

  it('gives reasons in Vietnamese', () => {
    const [problem] = validateCycleDraft(draftWith((d) => (d.objectives[4].indicators = [])));
    expect(problem.reason).toBe('Mục tiêu phải có ít nhất một chỉ số đo lường.');
  });

  it('refuses an organisation code that cannot be part of a workflow id', () => {
    expect(problemsOf((d) => (d.organisation.code = 'Kon Tum'))).toEqual([
      'organisation.code:invalid-format',
    ]);
  });
});
