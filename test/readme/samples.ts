import ts from 'typescript';

/** One ```ts block of README.md. */
export interface Sample {
  /** 1-based line of the block's first code line in README.md. */
  line: number;
  code: string;
  /** Why it is only type-checked (`<!-- readme-test: compile only (reason) -->` above the fence), or undefined when it also runs. */
  compileOnly: string | undefined;
}

const FENCE = /^```(ts|typescript)\s*$/;
const COMPILE_ONLY = /^<!--\s*readme-test:\s*compile only\s*\((.+)\)\s*-->$/;

/** Every TypeScript block, in order. A README section added later is picked up as it is. */
export function readmeSamples(markdown: string): Sample[] {
  const lines = markdown.split('\n');
  const samples: Sample[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    if (!FENCE.test(lines[i] as string)) continue;
    const end = lines.findIndex((text, j) => j > i && text.startsWith('```'));
    if (end === -1) throw new Error(`README.md:${i + 1}: unclosed code block`);
    const marker = COMPILE_ONLY.exec((lines[i - 1] ?? '').trim());
    samples.push({ line: i + 2, code: lines.slice(i + 1, end).join('\n'), compileOnly: marker?.[1] });
    i = end;
  }
  return samples;
}

/**
 * Names a sample may use without defining, as the README's prose does ("`ghl` is your client"): each
 * has a type for the compiler and a value for the run (see test/readme.test.ts).
 */
export const PLACEHOLDERS = {
  ghl: "import('ghl-sdk').GHLClient",
  locationId: 'string',
  code: 'string',
  /** The simulator's agency, and a Company authorization code of a bulk install to its locations. */
  companyId: 'string',
  companyCode: 'string',
} as const;

export type Placeholder = keyof typeof PLACEHOLDERS;

/** The placeholders a sample uses and does not declare itself. */
export function placeholdersOf(code: string): Placeholder[] {
  const declared = topLevelNames(code);
  return (Object.keys(PLACEHOLDERS) as Placeholder[]).filter((name) => !declared.has(name) && new RegExp(`\\b${name}\\b`).test(code));
}

/** The sample as a module for the compiler: placeholders declared on its first line, so line numbers shift by one. */
export function typecheckSource(sample: Sample): string {
  const declarations = placeholdersOf(sample.code).map((name) => `declare const ${name}: ${PLACEHOLDERS[name]};`);
  return `${declarations.join(' ')}\n${sample.code}\nexport {};\n`;
}

/** The sample as a module to run: placeholders read from `globalThis.__readmeSample`. */
export function runnableSource(sample: Sample): string {
  const names = placeholdersOf(sample.code);
  const prelude = names.length === 0 ? '' : `const { ${names.join(', ')} } = (globalThis as unknown as { __readmeSample: Record<string, any> }).__readmeSample;`;
  return `${prelude}\n${sample.code}\nexport {};\n`;
}

function topLevelNames(code: string): Set<string> {
  const source = ts.createSourceFile('sample.ts', code, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const names = new Set<string>();
  const addBinding = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) addBinding(element.name);
  };
  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement)) for (const declaration of statement.declarationList.declarations) addBinding(declaration.name);
    else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) names.add(statement.name.text);
    else if (ts.isImportDeclaration(statement) && statement.importClause) {
      const clause = statement.importClause;
      if (clause.name) names.add(clause.name.text);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) names.add(element.name.text);
    }
  }
  return names;
}
