import { QcycleError } from '@qcycle/contracts';
import { loadTemplate } from '@qcycle/domain';
import {
  draftForStart,
  templateDraftFor,
  unitsNotListed,
  type ListedOrganisation,
} from './cycle-draft-source';

const template = loadTemplate('kontum-2024');
/** Kon Tum's directory lists the template's own units. */
const kontum: ListedOrganisation = { ...template.organisation, code: 'kontum' };
/** Another province: its own name, one unit the template also has (named otherwise), one of its own. */
const gialai: ListedOrganisation = {
  code: 'gialai',
  name: { vi: 'Ủy ban nhân dân tỉnh Gia Lai', en: "Gia Lai Provincial People's Committee" },
  units: [
    { code: 'phong-noi-vu', name: { vi: 'Phòng Nội vụ', en: 'Home Affairs Division' } },
    { code: 'vp-tonghop', name: { vi: 'Phòng Tổng hợp (Gia Lai)', en: 'General Division (Gia Lai)' } },
  ],
};

describe('draftForStart', () => {
  it('starts from the Kon Tum template by default, moved to the year and given to the organisation', () => {
    const draft = draftForStart({ organisationCode: 'gialai', year: 2025 }, gialai);
    expect(draft.year).toBe(2025);
    expect(draft.organisation.code).toBe('gialai');
    expect(draft.objectives).toHaveLength(5);
  });

  it('keeps the template as it is for its own year', () => {
    expect(
      draftForStart({ organisationCode: 'kontum', year: 2024, templateId: 'kontum-2024' }, kontum).objectives,
    ).toEqual(loadTemplate('kontum-2024').objectives);
  });

  it('takes a valid draft of the same year, as the caller organisation', () => {
    const own = {
      ...loadTemplate('kontum-2024'),
      organisation: { ...loadTemplate('kontum-2024').organisation, code: 'elsewhere' },
    };
    expect(
      draftForStart(
        {
          organisationCode: 'kontum',
          year: 2024,
          draft: own as unknown as Record<string, unknown>,
        },
        kontum,
      ).organisation.code,
    ).toBe('kontum');
  });

  it('refuses a draft of another year or with problems with 422 listing each, and a shapeless one without throwing anything else', () => {
    const wrongYear = () =>
      draftForStart(
        {
          organisationCode: 'kontum',
          year: 2025,
          draft: loadTemplate('kontum-2024') as unknown as Record<string, unknown>,
        },
        kontum,
      );
    expect(wrongYear).toThrow(QcycleError);
    const noObjectives = { ...loadTemplate('kontum-2024'), objectives: [] };
    try {
      draftForStart(
        {
          organisationCode: 'kontum',
          year: 2024,
          draft: noObjectives as unknown as Record<string, unknown>,
        },
        kontum,
      );
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
      draftForStart(
        { organisationCode: 'kontum', year: 2024, draft: { year: 2024, hello: 'world' } },
        kontum,
      ),
    ).toThrow(QcycleError);
  });
});

describe("templateDraftFor: a template as an organisation's own draft", () => {
  it("is the template itself, moved to the year, where the directory lists the template's units", () => {
    const draft = templateDraftFor('kontum-2024', 2027, kontum);
    expect(draft.organisation).toEqual(kontum);
    expect(draft.objectives.map((o) => o.ownerUnitCode)).toEqual(
      template.objectives.map((o) => o.ownerUnitCode),
    );
    expect(unitsNotListed(draft, kontum)).toEqual([]);
  });

  it("issues under the directory's name with the directory's units, keeping a template unit only while an objective names it", () => {
    const draft = templateDraftFor('kontum-2024', 2027, gialai);
    expect(draft.organisation.name.vi).toBe('Ủy ban nhân dân tỉnh Gia Lai');
    const named = [...new Set(template.objectives.map((o) => o.ownerUnitCode))];
    const codes = draft.organisation.units.map((u) => u.code);
    // The template's order first (the units its objectives name, the directory's name where listed), then the directory's own.
    expect(codes).toEqual([
      ...template.organisation.units
        .map((u) => u.code)
        .filter((code) => named.includes(code) || code === 'vp-tonghop'),
      'phong-noi-vu',
    ]);
    expect(draft.organisation.units.find((u) => u.code === 'vp-tonghop')?.name.vi).toBe(
      'Phòng Tổng hợp (Gia Lai)',
    );
    expect(unitsNotListed(draft, gialai)).toEqual(named.filter((code) => code !== 'vp-tonghop'));
    // Still a draft the leader may receive, and one whose objective may be given the directory's own unit.
    const given = {
      ...draft,
      objectives: draft.objectives.map((o) => ({ ...o, ownerUnitCode: 'phong-noi-vu' })),
    };
    expect(
      draftForStart(
        { organisationCode: 'gialai', year: 2027, draft: given as unknown as Record<string, unknown> },
        gialai,
      ).objectives[0].ownerUnitCode,
    ).toBe('phong-noi-vu');
    expect(draftForStart({ organisationCode: 'gialai', year: 2027 }, gialai)).toEqual(draft);
  });
});
