import { chooseCycleSigner, signerForCycle } from './cycle-signer';
import { signatureBlock } from './cycle-draft';
import { KONTUM_2024_TEMPLATE } from './templates/kontum-2024.template';

const viceChairman = { userId: 'u-vice', name: 'Nguyễn Hữu Tháp', title: 'Phó Chủ tịch UBND tỉnh' };
const chairman = { userId: 'u-chair', name: 'Phan Minh Đức', title: 'Chủ tịch UBND tỉnh' };

describe('chooseCycleSigner', () => {
  it('takes the requested leader, refusing anyone else by the field', () => {
    expect(chooseCycleSigner([viceChairman, chairman], { signerUserId: 'u-chair' })).toEqual({
      signer: chairman,
    });
    expect(chooseCycleSigner([viceChairman, chairman], { signerUserId: 'u-staff' })).toMatchObject({
      refused: { field: 'signerUserId' },
    });
  });

  it('without a request, takes the leader the draft names, else the only leader, else refuses', () => {
    expect(chooseCycleSigner([chairman, viceChairman], { draftSignerName: ' nguyễn hữu  tháp' })).toEqual({
      signer: viceChairman,
    });
    expect(chooseCycleSigner([chairman], { draftSignerName: 'Someone' })).toEqual({ signer: chairman });
    expect(chooseCycleSigner([chairman, viceChairman], { draftSignerName: 'Someone' })).toMatchObject({
      refused: { field: 'signerUserId' },
    });
  });
});

describe('signerForCycle', () => {
  const draftSigner = KONTUM_2024_TEMPLATE.signer; // TM. Ủy ban nhân dân, KT. Chủ tịch, Phó Chủ tịch

  it("keeps the draft's block without a mode, with the chosen leader's name", () => {
    expect(signerForCycle(draftSigner, chairman)).toEqual({
      signer: { ...draftSigner, name: chairman.name },
    });
  });

  it('signs TM. as the Chairman for the Committee, KT. as a deputy in the Chairman’s place', () => {
    const tm = signerForCycle(draftSigner, chairman, 'TM.');
    expect('signer' in tm && signatureBlock(tm.signer)).toEqual(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH']);
    const kt = signerForCycle(
      { name: 'x', title: 'Chủ tịch', collectiveBody: 'Ủy ban nhân dân' },
      viceChairman,
      'KT.',
    );
    expect('signer' in kt && signatureBlock(kt.signer)).toEqual([
      'TM. ỦY BAN NHÂN DÂN',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH UBND TỈNH',
    ]);
    expect(signerForCycle({ name: 'x', title: 'Chủ tịch' }, chairman, 'TM.')).toMatchObject({
      refused: { field: 'signingMode' },
    });
  });
});
