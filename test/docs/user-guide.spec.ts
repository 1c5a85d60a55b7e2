// What keeps the user guide (docs/huong-dan-su-dung.md) true to the web app it describes: every
// label it prints in bold is a text the app shows, as its Vietnamese catalogues spell it, so a button
// renamed in apps/web/src/i18n/vi fails here by its name; it keeps citing the app; and every link in
// it leads somewhere.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '..', '..');
const guidePath = join(repoRoot, 'docs', 'huong-dan-su-dung.md');
const catalogueDir = join(repoRoot, 'apps', 'web', 'src', 'i18n', 'vi');

/** Fewer bold labels than this and the guide has stopped showing readers where to press. */
const MIN_LABELS = 40;

/** One way to compare texts: the same letters composed the same way, spaces collapsed. */
const normal = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

/** The guide's lines outside fenced code blocks: what a reader reads as prose. */
function proseLines(markdown: string): string[] {
  let fence: string | null = null;
  const lines: string[] = [];
  for (const line of markdown.split('\n')) {
    const opening = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === null && opening) fence = opening[0];
    else if (fence !== null && opening?.[0] === fence) fence = null;
    else if (fence === null) lines.push(line);
  }
  return lines;
}

/** The prose with inline code taken out (a path or a command in backticks is no label). */
const prose = (markdown: string) =>
  proseLines(markdown)
    .join('\n')
    .replace(/`[^`\n]*`/g, '');

/** Every `**…**` span of the prose, as written, spaces collapsed (a span may wrap to the next line). */
function boldSpans(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\*\*([\s\S]+?)\*\*/g)].map((match) => normal(match[1]));
}

/** Every string value of a catalogue, however deep. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap(strings);
}

/**
 * What a bold span may be: a catalogue string whole, or, for one with an interpolation, its words
 * before the first `{{` ("Giao lại tất cả việc của {{name}}" → "Giao lại tất cả việc của").
 */
function citableLabels(): Set<string> {
  const files = readdirSync(catalogueDir).filter((name) => name.endsWith('.json'));
  const texts = files.flatMap((name) => strings(JSON.parse(readFileSync(join(catalogueDir, name), 'utf8'))));
  const labels = new Set<string>();
  for (const text of texts) {
    labels.add(normal(text));
    const before = text.indexOf('{{');
    if (before > 0 && normal(text.slice(0, before)) !== '') labels.add(normal(text.slice(0, before)));
  }
  return labels;
}

/** The targets of the prose's links and images, `[words](target)`. */
function linkTargets(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1]);
}

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens. */
const anchorOf = (heading: string) =>
  normal(heading)
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');

describe('the user guide in Vietnamese (docs/huong-dan-su-dung.md)', () => {
  const guide = readFileSync(guidePath, 'utf8');

  it('prints in bold only labels the web app shows, each spelt as its Vietnamese catalogue spells it', () => {
    const labels = citableLabels();
    const notInTheApp = [...new Set(boldSpans(guide))].filter((span) => !labels.has(span));
    expect({ notInTheApp }).toEqual({ notInTheApp: [] });
  });

  it(`cites at least ${MIN_LABELS} of the app's labels, so that each step can be found on the screen`, () => {
    expect(new Set(boldSpans(guide)).size).toBeGreaterThanOrEqual(MIN_LABELS);
  });

  it('links only to files that exist (another page of docs/, the README, a picture)', () => {
    const relative = linkTargets(guide).filter((target) => !/^(?:[a-z][a-z0-9+.-]*:|#)/i.test(target));
    expect(relative.length).toBeGreaterThan(0);
    const missing = relative.filter((target) => {
      const path = decodeURIComponent(target.replace(/[#?].*$/, ''));
      return !existsSync(resolve(dirname(guidePath), path));
    });
    expect({ missing }).toEqual({ missing: [] });
  });

  it('leads each entry of its table of contents to a heading of the guide', () => {
    const anchors = new Set(
      proseLines(guide)
        .map((line) => /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1])
        .filter((heading): heading is string => heading !== undefined)
        .map(anchorOf),
    );
    const inPage = linkTargets(guide)
      .filter((target) => target.startsWith('#'))
      .map((target) => decodeURIComponent(target.slice(1)).normalize('NFC'));
    expect(inPage.length).toBeGreaterThan(0);
    const unknown = inPage.filter((anchor) => !anchors.has(anchor));
    expect({ unknown }).toEqual({ unknown: [] });
  });
});
