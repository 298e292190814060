/**
 * The shell blocks of the README, as the README test runs them. Fenced ```sh blocks between
 * `<!-- readme-test: begin -->` and `<!-- readme-test: end -->` run in order, in one bash. An HTML comment on the
 * line(s) right before a block changes what happens to it:
 *
 * - `<!-- readme-test: skip -->`: not run (an illustration, or a value the walkthrough does not have);
 * - `<!-- readme-test: expect "text" -->`: run, and its output must contain `text` (a JSON string literal);
 * - `<!-- readme-test: browser open=URL_VAR landed=RESULT_VAR -->`: the block is what a person does in a browser; the
 *   test instead takes the URL in the shell variable `URL_VAR`, plays the PSU (alice) over HTTP and sets
 *   `RESULT_VAR` to the address the browser would land on.
 */
export type ReadmeStep =
  | { readonly kind: 'run'; readonly line: number; readonly code: string; readonly expected: readonly string[] }
  | { readonly kind: 'browser'; readonly line: number; readonly open: string; readonly landed: string };

const MARKER = /^<!--\s*readme-test:\s*(.*?)\s*-->$/;
const SHELL_VARIABLE = '[A-Za-z_][A-Za-z0-9_]*';

/** What one marker asks for, or an error naming its line. */
type Marker = { readonly kind: 'skip' | 'begin' | 'end' } | { readonly kind: 'expect'; readonly text: string } | { readonly kind: 'browser'; readonly open: string; readonly landed: string };

function parseMarker(body: string, line: number): Marker {
  if (body === 'skip' || body === 'begin' || body === 'end') return { kind: body };
  const expect = /^expect\s+(".*")$/.exec(body);
  if (expect?.[1] !== undefined) return { kind: 'expect', text: JSON.parse(expect[1]) as string };
  const browser = new RegExp(`^browser\\s+open=(${SHELL_VARIABLE})\\s+landed=(${SHELL_VARIABLE})$`).exec(body);
  if (browser?.[1] !== undefined && browser[2] !== undefined) return { kind: 'browser', open: browser[1], landed: browser[2] };
  throw new Error(`README.md:${line}: unknown marker "readme-test: ${body}"`);
}

/** The steps of `markdown`, in order. Throws on an unknown marker or a marker that precedes no shell block. */
export function readmeSteps(markdown: string): ReadmeStep[] {
  const lines = markdown.split('\n');
  const steps: ReadmeStep[] = [];
  let running = false;
  let pending: { marker: Marker; line: number }[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const text = (lines[index] ?? '').trim();
    const marker = MARKER.exec(text);
    if (marker?.[1] !== undefined) {
      const parsed = parseMarker(marker[1], index + 1);
      if (parsed.kind === 'begin' || parsed.kind === 'end') running = parsed.kind === 'begin';
      else pending.push({ marker: parsed, line: index + 1 });
      continue;
    }
    if (!text.startsWith('```')) {
      if (text !== '' && pending.length > 0) throw new Error(`README.md:${pending[0]?.line}: a readme-test marker must come right before a block`);
      continue;
    }
    const end = lines.findIndex((candidate, at) => at > index && candidate.trim() === '```');
    if (end < 0) throw new Error(`README.md:${index + 1}: unclosed code block`);
    if (running && text === '```sh') steps.push(...stepOf(lines.slice(index + 1, end).join('\n'), index + 1, pending.map((item) => item.marker)));
    pending = [];
    index = end;
  }
  return steps;
}

function stepOf(code: string, line: number, markers: readonly Marker[]): ReadmeStep[] {
  if (markers.some((marker) => marker.kind === 'skip')) return [];
  const browser = markers.find((marker) => marker.kind === 'browser');
  if (browser !== undefined) return [{ kind: 'browser', line, open: browser.open, landed: browser.landed }];
  const expected = markers.flatMap((marker) => (marker.kind === 'expect' ? [marker.text] : []));
  return [{ kind: 'run', line, code, expected }];
}
