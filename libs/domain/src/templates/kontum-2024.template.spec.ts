import { signatureBlock } from '../cycle-draft';
import { validateCycleDraft } from '../cycle-draft-validation';
import { UnknownTemplateError } from '../domain-error';
import { describeTarget } from '../indicator';
import { KONTUM_2024_TEMPLATE } from './kontum-2024.template';
import { loadTemplate, TEMPLATES } from './template-registry';

const template = KONTUM_2024_TEMPLATE;

describe('Kon Tum 2024 template', () => {
  it('is a valid draft for 2024', () => {
    expect(template.year).toBe(2024);
    expect(template.organisation.code).toBe('kontum');
    expect(validateCycleDraft(template)).toEqual([]);
  });

  it('has exactly the five objectives of Article 1, verbatim', () => {
    expect(template.objectives.map((o) => [o.id, o.number])).toEqual([
      ['obj-1', 1],
      ['obj-2', 2],
      ['obj-3', 3],
      ['obj-4', 4],
      ['obj-5', 5],
    ]);
    expect(template.objectives.map((o) => o.title.vi)).toEqual([
      'Tiếp tục duy trì, cải tiến Hệ thống quản lý chất lượng theo tiêu chuẩn quốc gia TCVN ISO 9001:2015 áp dụng tại Ủy ban nhân dân tỉnh và Văn phòng Ủy ban nhân dân tỉnh.',
      '100% các chương trình, đề án, nhiệm vụ trọng tâm trong Chương trình công tác năm 2024 của Ủy ban nhân dân tỉnh và Văn phòng Ủy ban nhân dân tỉnh được chỉ đạo, đôn đốc, theo dõi và tổ chức thực hiện.',
      'Hoàn thành 100% chỉ tiêu, nhiệm vụ cải cách hành chính năm 2024 theo kế hoạch của Ủy ban nhân dân tỉnh.',
      '100% hồ sơ thủ tục hành chính thuộc thẩm quyền giải quyết của Ủy ban nhân dân tỉnh đảm bảo đúng quy trình, thủ tục được công bố và trên 80% đảm bảo thời gian quy định.',
      'Duy trì đánh giá nội bộ kết hợp kiểm tra, giám sát tình hình thực hiện nhiệm vụ ít nhất 01 lần/năm.',
    ]);
    for (const objective of template.objectives) expect(objective.title.en).not.toBe('');
  });

  it('measures each objective as the 2024 decision does', () => {
    const summary = template.objectives.map((o) => ({
      id: o.id,
      frequency: o.frequency,
      indicators: o.indicators.map((i) => [
        i.id,
        i.kind,
        i.kind === 'judged' ? undefined : `${i.target.comparator} ${i.target.value}`,
      ]),
    }));
    expect(summary).toEqual([
      { id: 'obj-1', frequency: 'yearly', indicators: [['obj-1-qms-maintained', 'judged', undefined]] },
      { id: 'obj-2', frequency: 'quarterly', indicators: [['obj-2-key-tasks', 'ratio', '>= 100']] },
      { id: 'obj-3', frequency: 'quarterly', indicators: [['obj-3-reform-targets', 'ratio', '>= 100']] },
      {
        id: 'obj-4',
        frequency: 'monthly',
        indicators: [
          ['obj-4-per-process', 'ratio', '>= 100'],
          ['obj-4-on-time', 'ratio', '> 80'],
        ],
      },
      { id: 'obj-5', frequency: 'yearly', indicators: [['obj-5-internal-audits', 'count', '>= 1']] },
    ]);
  });

  it('states objective 4\'s on-time target as the decision does: "trên 80%"', () => {
    const onTime = template.objectives[3].indicators[1];
    expect(describeTarget(onTime)).toBe('trên 80%');
    expect(describeTarget(onTime, 'en')).toBe('over 80%');
  });

  it('judges objective 1 on the audit, the review and closed corrective actions', () => {
    const qms = template.objectives[0].indicators[0];
    expect(qms.kind === 'judged' && qms.criteria.map((c) => c.vi)).toEqual([
      'Đã thực hiện đánh giá nội bộ trong năm',
      'Đã tổ chức họp xem xét của lãnh đạo',
      'Các hành động khắc phục đã được thực hiện và kết thúc',
    ]);
  });

  it('gives every objective an owner unit and a full 6.2.2 plan in Vietnamese', () => {
    const unitCodes = template.organisation.units.map((u) => u.code);
    for (const objective of template.objectives) {
      expect(unitCodes).toContain(objective.ownerUnitCode);
      expect(Object.keys(objective.plan).sort()).toEqual([
        'howEvaluated',
        'resources',
        'what',
        'when',
        'who',
      ]);
    }
    expect(template.objectives[3].ownerUnitCode).toBe('vp-ttpvhcc');
  });

  it('cites the three legal bases of the decision verbatim', () => {
    expect(template.legalBases).toEqual([
      'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;',
      'Căn cứ Quyết định số 19/2014/QĐ-TTg ngày 05 tháng 3 năm 2014 của Thủ tướng Chính phủ về việc áp dụng Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO 9001:2008 vào hoạt động của các cơ quan, tổ chức thuộc hệ thống hành chính nhà nước;',
      'Căn cứ Thông tư số 26/2014/TT-BKHCN ngày 10 tháng 10 năm 2014 của Bộ Khoa học và Công nghệ về việc quy định chi tiết thi hành Quyết định số 19/2014/QĐ-TTg ngày 05 tháng 3 năm 2014 của Thủ tướng Chính phủ về việc áp dụng Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO 9001:2008 vào hoạt động của các cơ quan, tổ chức thuộc hệ thống hành chính nhà nước;',
    ]);
  });

  it('is signed "TM. Ủy ban nhân dân / KT. Chủ tịch / Phó Chủ tịch" by Nguyễn Hữu Tháp', () => {
    expect(template.signer.name).toBe('Nguyễn Hữu Tháp');
    expect(signatureBlock(template.signer)).toEqual(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']);
    expect(template.qualityRepresentativeTitle).toBe('Chánh Văn phòng Ủy ban nhân dân tỉnh');
  });

  it('is sent to the recipients of the decision', () => {
    expect(template.recipients).toEqual([
      'Như Điều 4',
      'Chủ tịch, các PCT UBND tỉnh',
      'Sở Khoa học và Công nghệ',
      'Lưu: VT, ISO',
    ]);
  });

  it('cannot be changed in place', () => {
    expect(Object.isFrozen(template.objectives[3].indicators[1])).toBe(true);
  });
});

describe('template registry', () => {
  it('offers kontum-2024 and hands out an independent, editable copy', () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual(['kontum-2024']);
    const draft = loadTemplate('kontum-2024');
    expect(draft).toEqual(KONTUM_2024_TEMPLATE);
    draft.objectives[0].title.vi = 'đã sửa';
    expect(KONTUM_2024_TEMPLATE.objectives[0].title.vi).not.toBe('đã sửa');
    expect(loadTemplate('kontum-2024').objectives[0].title.vi).not.toBe('đã sửa');
  });

  it('refuses an unknown template', () => {
    expect(() => loadTemplate('kontum-1999')).toThrow(UnknownTemplateError);
  });
});
