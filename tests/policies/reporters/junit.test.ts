/**
 * JUnit XML: well-formed however hostile the text in it, and one test case per object with the
 * object's unsuppressed errors and warnings as its failure.
 */
import fc from 'fast-check';
import { renderJunit } from '../../../policies/reporters/junit';
import type { Report } from '../../../policies/types';
import { SAMPLE_REPORT } from './sample-report';

const NAME = '[A-Za-z_][\\w.-]*';
const ATTRIBUTE_VALUE = '"(?:[^"<&]|&(?:amp|lt|gt|quot|apos|#\\d+|#x[\\da-fA-F]+);)*"';
const TAG = new RegExp(`^<(/?)(${NAME})((?:\\s+${NAME}=${ATTRIBUTE_VALUE})*)\\s*(/?)>`);
const ENTITY = /^&(?:amp|lt|gt|quot|apos|#\d+|#x[\da-fA-F]+);/;
const INVALID_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** A small strict check of XML 1.0 well-formedness: declaration, legal characters, entities, tag balance. */
function wellFormedness(xml: string): string | undefined {
  const declaration = '<?xml version="1.0" encoding="UTF-8"?>\n';
  if (!xml.startsWith(declaration)) return 'missing XML declaration';
  if (INVALID_CHAR.test(xml)) return 'character not allowed in XML';
  const open: string[] = [];
  let rest = xml.slice(declaration.length);
  let roots = 0;
  while (rest.length > 0) {
    if (rest.startsWith('<')) {
      const tag = TAG.exec(rest);
      if (!tag) return `bad tag at ${JSON.stringify(rest.slice(0, 40))}`;
      const [all, closing, name, , selfClosing] = tag;
      if (closing) {
        if (open.pop() !== name) return `unbalanced </${name}>`;
      } else {
        if (open.length === 0) roots++;
        if (!selfClosing) open.push(name);
      }
      rest = rest.slice(all.length);
    } else if (rest.startsWith('&')) {
      const entity = ENTITY.exec(rest);
      if (!entity) return `bad entity at ${JSON.stringify(rest.slice(0, 20))}`;
      rest = rest.slice(entity[0].length);
    } else {
      const next = rest.search(/[<&]/);
      const text = next < 0 ? rest : rest.slice(0, next);
      if (open.length === 0 && text.trim() !== '') return 'text outside the root element';
      rest = next < 0 ? '' : rest.slice(next);
    }
  }
  if (open.length > 0) return `unclosed <${open.join('>, <')}>`;
  return roots === 1 ? undefined : `${roots} root elements`;
}

describe('junit reporter', () => {
  test('the checker itself rejects broken XML', () => {
    const ok = '<?xml version="1.0" encoding="UTF-8"?>\n<a x="1"><b/>t &amp; u</a>\n';
    expect(wellFormedness(ok)).toBeUndefined();
    expect(wellFormedness(ok.replace('&amp;', '&'))).toMatch(/bad entity/);
    expect(wellFormedness(ok.replace('<b/>', '<b>'))).toMatch(/unbalanced/);
    expect(wellFormedness(ok.replace('x="1"', 'x="<"'))).toMatch(/bad tag/);
    expect(wellFormedness(ok.replace('t ', '\u0001'))).toMatch(/character/);
  });

  test('the sample report is well-formed, one suite per file, one case per object', () => {
    const xml = renderJunit(SAMPLE_REPORT, { version: '1' });
    expect(wellFormedness(xml)).toBeUndefined();
    expect(xml.match(/<testsuite /g)).toHaveLength(2);
    expect(xml.match(/<testcase /g)).toHaveLength(SAMPLE_REPORT.objects.length);
    expect(xml).toContain('<testsuites name="bulwark" tests="3" failures="2" errors="0" skipped="0">');
  });

  test('attributes findings to the object whose document holds them', () => {
    const ref = { apiVersion: 'v1', kind: 'Pod', namespace: 'a', name: 'same' };
    const finding = SAMPLE_REPORT.findings.find((f) => f.severity === 'error');
    if (!finding) throw new Error('sample has an error finding');
    const report: Report = {
      ...SAMPLE_REPORT,
      objects: [
        { ref, file: 'f.yaml', line: 1 },
        { ref, file: 'f.yaml', line: 20 },
      ],
      findings: [{ ...finding, object: ref, file: 'f.yaml', line: 25 }],
    };
    const cases = renderJunit(report, { version: '1' }).split('<testcase ').slice(1);
    expect(cases[0]).toMatch(/line="1"\/>/);
    expect(cases[1]).toMatch(/line="20">\n\s*<failure message="1 error" type="error">/);
  });

  test('stays well-formed whatever the manifests contain', () => {
    const base = SAMPLE_REPORT.findings[0];
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (name, message) => {
        const object = { ...base.object, name };
        const report: Report = {
          ...SAMPLE_REPORT,
          objects: [{ ref: object, file: `dir/${name}.yaml`, line: 1 }],
          findings: [
            { ...base, object, file: `dir/${name}.yaml`, message },
            {
              ...base,
              object,
              file: `dir/${name}.yaml`,
              message,
              suppressed: true,
              suppression: { reason: message, source: 's' },
            },
          ],
        };
        return wellFormedness(renderJunit(report, { version: '1' })) === undefined;
      }),
    );
  });
});
