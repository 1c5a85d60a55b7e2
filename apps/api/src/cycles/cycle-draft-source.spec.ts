import { QcycleError } from '@qcycle/contracts';
import { loadTemplate } from '@qcycle/domain';
import { draftForStart } from './cycle-draft-source';

describe('draftForStart', () => {
  it('starts from the Kon Tum template by default, moved to the year and given to the organisation', () => {
    const draft = draftForStart({ organisationCode: 'gialai', year: 2025 });
    expect(draft.year).toBe(2025);
    expect(draft.organisation.code).toBe('gialai');
    expect(draft.objectives).toHaveLength(5);
  });

  it('keeps the template as it is for its own year', () => {
    expect(
      draftForStart({ organisationCode: 'kontum', year: 2024, templateId: 'kontum-2024' }).objectives,
    ).toEqual(loadTemplate('kontum-2024').objectives);
  });

  it('takes a valid draft of the same year, as the caller organisation', () => {
    const own = {
      ...loadTemplate('kontum-2024'),
      organisation: { ...loadTemplate('kontum-2024').organisation, code: 'elsewhere' },
    };
    expect(
      draftForStart({
        organisationCode: 'kontum',
        year: 2024,
        draft: own as unknown as Record<string, unknown>,
      }).organisation.code,
    ).toBe('kontum');
  });

  it('refuses a draft of another year or with problems with 422 listing each, and a shapeless one without throwing anything else', () => {
    const wrongYear = () =>
      draftForStart({
        organisationCode: 'kontum',
        year: 2025,
        draft: loadTemplate('kontum-2024') as unknown as Record<string, unknown>,
      });
    expect(wrongYear).toThrow(QcycleError);
    const noObjectives = { ...loadTemplate('kontum-2024'), objectives: [] };
    try {
      draftForStart({
        organisationCode: 'kontum',
        year: 2024,
        draft: noObjectives as unknown as Record<string, unknown>,
      });
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(QcycleError);
      expect(error).toMatchObject({
        code: 'DRAFT_INVALID',
        details: {
          problems: expect.arrayContaining([
            expect.objectContaining({ path: expect.stringContaining('objectives') }),
          ]),
        },
      });
    }
    expect(() =>
      draftForStart({ organisationCode: 'kontum', year: 2024, draft: { year: 2024, hello: 'world' } }),
    ).toThrow(QcycleError);
  });
});
