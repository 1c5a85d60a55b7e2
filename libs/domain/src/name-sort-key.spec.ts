import { nameSortKey } from './name-sort-key';

const vietnamese = new Intl.Collator('vi');
const byKey = (a: string, b: string) => {
  const [x, y] = [nameSortKey(a), nameSortKey(b)];
  return x < y ? -1 : x > y ? 1 : 0;
};

describe('a name as a key that sorts as Vietnamese does', () => {
  it('puts a directory of names in the order Vietnamese sorts them', () => {
    const names = [
      'Võ Đình Nam',
      'Đinh Văn Ban',
      'Dương Thị Hà',
      'Đặng Thu Trang',
      'Bùi Quang Huy',
      'Lý Thị Mai',
      'Nguyễn Hữu Tháp',
      'Nguyễn Thị Lan',
      'Trần Quốc Việt',
      'Phạm Thị Hoa',
      'Ưng Văn Hòa',
      'Uông Thị Hoà',
      'Âu Minh Tâm',
      'Ân Văn Đức',
      'Ấn Văn Đức',
      'Lê Văn Phó',
      'Lê Văn Phong',
      'Lê văn Phó',
      'Lê Thị An',
      'Lê Thị An Bình',
      'Lê Thị Anh',
      'Lê-Thị An',
      'Lê Thị 2',
      'Ơn Văn Tú',
      'Ôn Văn Tú',
      'On Văn Tú',
      'John Smith',
      'Zoë García',
      'Đoàn',
      'Doãn',
      'Dzoãn',
      // The six tones of one syllable, on either letter, and its cases.
      ...['Hoa', 'Hoà', 'Hoả', 'Hoã', 'Hoá', 'Hoạ', 'Hòa', 'Hỏa', 'Hõa', 'Hóa', 'Họa', 'hoa', 'HOA', 'hOa'],
    ];
    expect([...names].sort(byKey)).toEqual([...names].sort(vietnamese.compare));
  });

  it('orders every pair of names built from Vietnamese syllables as the collator does', () => {
    // A fixed seed: the same names each run (a pseudo-random walk over the letters and tones).
    let seed = 20261206;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      // The high bits: a power-of-two generator's low bits repeat in short cycles.
      return Math.floor((seed / 2 ** 32) * n);
    };
    const initials = [
      '',
      'b',
      'c',
      'ch',
      'd',
      'đ',
      'g',
      'gi',
      'h',
      'kh',
      'l',
      'm',
      'n',
      'ng',
      'nh',
      'ph',
      'qu',
      'th',
      'tr',
      'v',
      'x',
    ];
    const vowels = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y', 'oa', 'uy', 'ươ', 'iê'];
    const finals = ['', 'c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't', 'i', 'u'];
    const tones = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];
    // A syllable's letters, and its tone and case apart: a name's sibling has the same letters with
    // other tones and cases, so that they differ only where a collator looks last.
    type Syllable = { letters: [string, string, string]; tone: string; upper: boolean };
    const syllable = (): Syllable => ({
      letters: [initials[next(initials.length)], vowels[next(vowels.length)], finals[next(finals.length)]],
      tone: tones[next(tones.length)],
      upper: next(3) === 0,
    });
    const written = ({ letters: [initial, vowel, final], tone, upper }: Syllable) => {
      const word = `${initial}${vowel}${tone}${final}`.normalize('NFC');
      return upper ? word[0].toUpperCase() + word.slice(1) : word;
    };
    const names: string[] = [];
    for (let n = 0; n < 300; n++) {
      const syllables = Array.from({ length: 1 + next(3) }, syllable);
      const separator = next(8) === 0 ? '-' : ' ';
      names.push(syllables.map(written).join(separator));
      const sibling = syllables.map((s) => ({ ...s, tone: tones[next(tones.length)], upper: next(3) === 0 }));
      names.push(sibling.map(written).join(separator));
    }
    const disagreements: string[] = [];
    for (let i = 0; i + 1 < names.length; i++)
      for (const j of [i + 1, next(names.length)]) {
        const [a, b] = [names[i], names[j]];
        if (Math.sign(byKey(a, b)) !== Math.sign(vietnamese.compare(a, b))) disagreements.push(`${a} | ${b}`);
      }
    expect(disagreements).toEqual([]);
  });

  it('gives a name typed decomposed (Unikey\'s "tổ hợp") the key of the same name composed', () => {
    expect(nameSortKey('Đặng Thu Trang'.normalize('NFD'))).toBe(nameSortKey('Đặng Thu Trang'));
    expect(nameSortKey('Nguyễn Hữu Tháp')).toMatch(/^[\x21-\x7e]+$/);
  });

  it('reads Ð, which names converted from the old Vietnamese fonts carry for Đ, as Đ', () => {
    expect(nameSortKey('\u00d0inh Văn Ban')).toBe(nameSortKey('Đinh Văn Ban'));
    expect(['Ðinh Văn Ban', 'Bùi Quang Huy', 'Dương Thị Hà'].sort(byKey)).toEqual([
      'Bùi Quang Huy',
      'Dương Thị Hà',
      'Ðinh Văn Ban',
    ]);
  });
});
