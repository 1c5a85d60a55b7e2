import { escapeHtml } from './escape-html';

describe('escapeHtml', () => {
  it('escapes the five characters that can end text or an attribute in HTML', () => {
    expect(escapeHtml(`"'&<>`)).toBe('&quot;&#39;&amp;&lt;&gt;');
    expect(escapeHtml('Phiếu <script>alert(1)</script>')).toBe('Phiếu &lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
