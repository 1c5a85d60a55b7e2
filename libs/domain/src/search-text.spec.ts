import { containsPattern, searchText } from './search-text';

describe('directory search text', () => {
  const name = searchText('Đỗ Thị Ánh Hồng', 'hong.dt@kontum.gov.vn');
  /** What `LIKE '%…%'` finds, for a query without % or _. */
  const finds = (query: string) => name.includes(containsPattern(query).slice(1, -1));

  it('finds a name by its letters with their marks, in any case, typed composed or decomposed', () => {
    for (const query of ['Đỗ', 'đỗ', 'ĐỖ', 'Ánh Hồng', 'Đỗ Thị'.normalize('NFD'), 'hong.dt@'])
      expect({ query, found: finds(query) }).toEqual({ query, found: true });
    // The marks typed are the marks meant.
    for (const query of ['Đồ', 'Anh Hông'])
      expect({ query, found: finds(query) }).toEqual({ query, found: false });
  });

  it('finds it typed without marks too, đ as d', () => {
    for (const query of ['do thi', 'DO', 'anh hong'])
      expect({ query, found: finds(query) }).toEqual({ query, found: true });
    expect(searchText('vp-ubnd', 'Ủy ban nhân dân tỉnh')).toContain('uy ban nhan dan tinh');
  });

  it('reads Ð, as the old fonts’ conversions leave it for Đ, as Đ: in a name and in a query', () => {
    const typedWithEth = searchText('Ðinh Thị Ðào', 'dao.dt@kontum.gov.vn');
    for (const query of ['Đinh', 'đinh thị đào', 'dinh', 'dao'])
      expect({ query, found: typedWithEth.includes(containsPattern(query).slice(1, -1)) }).toEqual({
        query,
        found: true,
      });
    expect({ query: 'Ðỗ', found: finds('Ðỗ') }).toEqual({ query: 'Ðỗ', found: true });
  });

  it('keeps a decomposed name as the composed one', () => {
    expect(searchText('Trịnh Thị Huyền'.normalize('NFD'))).toBe(searchText('Trịnh Thị Huyền'));
  });

  it('takes %, _ and \\ in a query literally', () => {
    expect(containsPattern(' 50%_\\ ')).toBe('%50\\%\\_\\\\%');
  });
});
