/**
 * The API reference is generated from doc comments (`npm run docs`), so their absence is a bug:
 * every option interface a consumer fills in (exported `*Props`, `*Options`, `*Args`, `*Settings`,
 * `*Properties`, and every interface their props refer to) has a description, and so has each of
 * its props; an optional prop also says its `@default`. Every symbol the public entry points export
 * has a description too. House style 8.8.
 */
import { readdirSync } from 'fs';
import { join, relative } from 'path';
import * as ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const API = join(ROOT, 'api');
const OPTION_NAME = /(Props|Options|Args|Settings|Properties)$/;
// Shapes of Kubernetes objects (what a chart synthesizes): their fields are Kubernetes' own.
const KUBERNETES_SHAPES = new Set(['K8sObject', 'ObjectMeta']);

const entries = readdirSync(API)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => join(API, f));
const program = ts.createProgram(entries, {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  strict: true,
  skipLibCheck: true,
  types: ['node'],
});
const checker = program.getTypeChecker();

const where = (node: ts.Node) => {
  const file = node.getSourceFile();
  return `${relative(ROOT, file.fileName)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
};
const description = (symbol: ts.Symbol) =>
  ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
const ownSource = (decl: ts.Declaration) => !decl.getSourceFile().fileName.includes('node_modules');

/** Every symbol the entry points export, aliases resolved, by exported name. */
function exportedSymbols(): Map<string, ts.Symbol> {
  const out = new Map<string, ts.Symbol>();
  for (const file of entries) {
    const module = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (symbol.declarations?.some(ownSource)) out.set(`${relative(ROOT, file)}: ${exported.name}`, symbol);
    }
  }
  return out;
}

/** Interfaces declared in this repository that `type` mentions (arrays, unions, records included). */
function referencedInterfaces(type: ts.Type, seen = new Set<ts.Type>()): ts.InterfaceDeclaration[] {
  if (seen.has(type)) return [];
  seen.add(type);
  const found: ts.InterfaceDeclaration[] = [];
  const symbol = type.aliasSymbol ?? type.getSymbol();
  for (const decl of symbol?.declarations ?? []) {
    if (ts.isInterfaceDeclaration(decl) && ownSource(decl)) found.push(decl);
  }
  const parts = [
    ...(type.isUnionOrIntersection() ? type.types : []),
    ...(type.aliasTypeArguments ?? []),
    ...(checker.isArrayType(type) || checker.isTupleType(type)
      ? checker.getTypeArguments(type as ts.TypeReference)
      : []),
  ];
  for (const part of parts) found.push(...referencedInterfaces(part, seen));
  return found;
}

/** The option interfaces: named like options, plus every own interface their props mention. */
function optionInterfaces(): Map<ts.InterfaceDeclaration, string> {
  const queue: ts.InterfaceDeclaration[] = [];
  for (const symbol of exportedSymbols().values()) {
    for (const decl of symbol.declarations ?? []) {
      if (ts.isInterfaceDeclaration(decl) && OPTION_NAME.test(decl.name.text)) queue.push(decl);
    }
  }
  const found = new Map<ts.InterfaceDeclaration, string>();
  while (queue.length > 0) {
    const decl = queue.pop()!;
    if (found.has(decl) || KUBERNETES_SHAPES.has(decl.name.text)) continue;
    found.set(decl, decl.name.text);
    for (const member of decl.members) {
      if (ts.isPropertySignature(member) && member.type) {
        queue.push(...referencedInterfaces(checker.getTypeFromTypeNode(member.type)));
      }
    }
  }
  return found;
}

test('every option interface, and each of its props, has a description; optional props say @default', () => {
  const interfaces = optionInterfaces();
  expect(interfaces.size).toBeGreaterThan(15);
  const problems: string[] = [];
  for (const [decl, name] of interfaces) {
    const symbol = checker.getSymbolAtLocation(decl.name)!;
    if (!description(symbol)) problems.push(`${where(decl)} interface ${name} has no description`);
    for (const member of decl.members) {
      if (!ts.isPropertySignature(member)) continue;
      const prop = checker.getSymbolAtLocation(member.name)!;
      const label = `${where(member)} ${name}.${prop.name}`;
      if (!description(prop)) problems.push(`${label} has no description`);
      if (member.questionToken && !prop.getJsDocTags(checker).some((t) => t.name === 'default')) {
        problems.push(`${label} is optional but has no @default`);
      }
    }
  }
  expect(problems).toEqual([]);
});

test('every exported symbol of the public entry points has a description', () => {
  const missing = [...exportedSymbols()]
    .filter(([, symbol]) => !description(symbol))
    .map(([name, symbol]) => `${name} (${where(symbol.declarations![0])})`);
  expect(missing).toEqual([]);
});

test('every public member of an exported class has a description', () => {
  const problems: string[] = [];
  for (const symbol of exportedSymbols().values()) {
    for (const decl of symbol.declarations ?? []) {
      if (!ts.isClassDeclaration(decl)) continue;
      for (const member of decl.members) {
        if (ts.isConstructorDeclaration(member) || ts.isClassStaticBlockDeclaration(member) || !member.name)
          continue;
        const modifiers = ts.getCombinedModifierFlags(member as ts.Declaration);
        if (modifiers & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
        if (ts.isPrivateIdentifier(member.name) || member.name.getText().startsWith('_')) continue;
        const prop = checker.getSymbolAtLocation(member.name);
        if (prop && !description(prop)) problems.push(`${where(member)} ${decl.name?.text}.${prop.name}`);
      }
    }
  }
  expect(problems).toEqual([]);
});
