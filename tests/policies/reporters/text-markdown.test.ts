/**
 * Text and Markdown specifics beyond the golden files: colour only on request, manifests cannot
 * inject terminal escapes or Markdown, suppressed findings stay visible.
 */
import { renderMarkdown } from '../../../policies/reporters/markdown';
import { renderText } from '../../../policies/reporters/text';
import type { Report } from '../../../policies/types';
import { SAMPLE_REPORT } from './sample-report';

const ESC = '\u001b';

function withMessage(message: string, name = 'orders'): Report {
  const f = SAMPLE_REPORT.findings[0];
  return { ...SAMPLE_REPORT, findings: [{ ...f, message, object: { ...f.object, name } }] };
}

describe('text reporter', () => {
  test('uses colour only when asked', () => {
    expect(renderText(SAMPLE_REPORT)).not.toContain(ESC);
    expect(renderText(SAMPLE_REPORT, { color: false })).not.toContain(ESC);
    expect(renderText(SAMPLE_REPORT, { color: true })).toContain(`${ESC}[31m`);
  });

  test('marks suppressed findings with their reason', () => {
    expect(renderText(SAMPLE_REPORT)).toContain(
      '\n         suppressed (digest pinned by the release pipeline | see OPS-42)\n',
    );
  });

  test('prints control characters from manifests as visible escapes', () => {
    const text = renderText(withMessage(`image "x${ESC}[2J" \n fake line`, `evil${ESC}]0;title\u0007`));
    expect(text).not.toContain(ESC);
    expect(text).toContain('image "x\\u001b[2J" \\u000a fake line');
    expect(text).toContain('ClusterRole evil\\u001b]0;title\\u0007');
  });
});

describe('markdown reporter', () => {
  test('escapes markup in text cells and pipes in code spans', () => {
    const md = renderMarkdown(withMessage('a | b <img src=x> *bold* [link](http://x) `tick`'));
    expect(md).toContain('a \\| b \\<img src=x\\> \\*bold\\* \\[link\\](http://x) \\`tick\\`');
    const path = renderMarkdown({
      ...SAMPLE_REPORT,
      findings: [{ ...SAMPLE_REPORT.findings[0], path: 'a|b`c' }],
    });
    expect(path).toContain('| ``a\\|b`c`` |');
  });

  test('lists every suppressed finding with its reason, even with no open findings', () => {
    const onlySuppressed: Report = {
      ...SAMPLE_REPORT,
      findings: SAMPLE_REPORT.findings.filter((f) => f.suppressed),
    };
    const md = renderMarkdown(onlySuppressed);
    expect(md).toContain('## Suppressions (1)');
    expect(md).toContain('digest pinned by the release pipeline \\| see OPS-42');
    expect(md).not.toContain('## Errors');
  });
});
