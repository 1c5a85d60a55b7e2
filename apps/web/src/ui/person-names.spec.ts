import type { PersonView } from './people';
import { namesToChoose } from './person-names';

const person = (userId: string, fullName: string, title: string | null): PersonView => ({
  userId,
  fullName,
  title,
  unitCode: 'vp-kiemsoat-tthc',
  roles: ['staff'],
  active: true,
});

describe('people to choose from', () => {
  it('names each by name alone, and two of the same name with their titles', () => {
    const people = [
      person('u1', 'Võ Văn Hương', 'Chuyên viên'),
      person('u2', 'Võ Văn Hương', 'Phó Trưởng phòng'),
      person('u3', 'Nguyễn Thị Lan', 'Chuyên viên'),
    ];
    expect(namesToChoose(people, [{ userId: 'u1' }, { userId: 'u2' }, { userId: 'u3' }])).toEqual([
      { userId: 'u1', name: 'Võ Văn Hương (Chuyên viên)' },
      { userId: 'u2', name: 'Võ Văn Hương (Phó Trưởng phòng)' },
      { userId: 'u3', name: 'Nguyễn Thị Lan' },
    ]);
  });

  it('falls back to the name the record carries for someone the list does not hold', () => {
    expect(namesToChoose([], [{ userId: 'u9', fallback: 'Trần Văn B' }])).toEqual([
      { userId: 'u9', name: 'Trần Văn B' },
    ]);
  });
});
