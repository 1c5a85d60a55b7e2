import { sortByName } from './by-name';

describe('people by name', () => {
  it('sorts names as Vietnamese does, not by code point, then by id', () => {
    const people = [
      { fullName: 'Võ Đình Nam', id: 'u-1' },
      { fullName: 'Đinh Văn Ban', id: 'u-2' },
      { fullName: 'Lê Văn Phó', id: 'u-9' },
      { fullName: 'Dương Thị Hà', id: 'u-3' },
      { fullName: 'Lê Văn Phó', id: 'u-4' },
      { fullName: 'Lê Văn Phong', id: 'u-5' },
    ];
    expect(sortByName(people).map((p) => `${p.fullName} ${p.id}`)).toEqual([
      'Dương Thị Hà u-3',
      'Đinh Văn Ban u-2',
      'Lê Văn Phó u-4',
      'Lê Văn Phó u-9',
      'Lê Văn Phong u-5',
      'Võ Đình Nam u-1',
    ]);
  });
});
