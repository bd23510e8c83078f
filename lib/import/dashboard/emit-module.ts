import { format } from 'prettier';
import { Project, StructureKind, VariableDeclarationKind, type SourceFileStructure, type StatementStructures } from 'ts-morph';
import { printExpr, type Expr } from './code-model.js';
import type { ConstantDecl, ImportConfigHook } from './import-context.js';

/** What {@link emitModule} writes. */
export interface ModuleParts {
  readonly source: string;
  readonly importPath: string;
  readonly imports: ReadonlySet<string>;
  readonly constants: readonly ConstantDecl[];
  readonly dashboard: Expr;
  readonly notes: readonly string[];
  readonly config?: ImportConfigHook;
}

/** Formatting of generated code: the repo's own style. */
// babel-ts: the same output as the typescript parser for this code, in about half the time.
export const PRETTIER_OPTIONS = Object.freeze({ parser: 'babel-ts', singleQuote: true, printWidth: 120, trailingComma: 'all' as const });

let project: Project | undefined;

/**
 * The generated module: a banner naming the source and the notes (as line comments, with
 * line breaks removed so no text can end the comment), the import from `importPath`, the
 * constants, and `export default dashboard(...)` (or, with `config.paramType`, a default
 * exported function of the config returning the dashboard). Structure by ts-morph (one
 * structure, printed once), layout by prettier.
 */
export async function emitModule(parts: ModuleParts): Promise<string> {
  project ??= new Project({ useInMemoryFileSystem: true, skipFileDependencyResolution: true });
  const file = project.createSourceFile('/imported.dash.ts', structure(parts), { overwrite: true });
  try {
    return await format(file.getFullText(), PRETTIER_OPTIONS);
  } finally {
    project.removeSourceFile(file);
  }
}

function structure(parts: ModuleParts): SourceFileStructure {
  const banner = [`Imported by \`dash import\` from ${oneLine(parts.source)}.`, ...parts.notes.map((n) => `- ${oneLine(n)}`)];
  const withConfig = parts.config?.paramType !== undefined;
  const named = [...parts.imports].sort().map((name) => ({ name }));
  if (withConfig) named.push({ name: 'type DashboardBuilder' });
  const statements: StatementStructures[] = [
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: parts.importPath,
      namedImports: named,
      leadingTrivia: banner.map((line) => `// ${line}\n`).join(''),
    },
  ];
  const preamble = parts.config?.preamble;
  const consts = parts.constants.map((c) => `const ${declared(c)} = ${printExpr(c.expr)};`);
  if (withConfig) {
    statements.push({
      kind: StructureKind.Function,
      isDefaultExport: true,
      name: 'importedDashboard',
      parameters: [{ name: 'c', type: parts.config!.paramType! }],
      returnType: 'DashboardBuilder',
      statements: [...consts, `return ${printExpr(parts.dashboard)};`],
      leadingTrivia: '\n',
    });
  } else {
    for (const c of parts.constants) {
      statements.push({
        kind: StructureKind.VariableStatement,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [{ name: declared(c), initializer: printExpr(c.expr) }],
        leadingTrivia: '\n',
      });
    }
    statements.push({ kind: StructureKind.ExportAssignment, isExportEquals: false, expression: printExpr(parts.dashboard), leadingTrivia: '\n' });
  }
  // The preamble (the mixin's config import) follows the builders import, once.
  if (preamble) (statements[0] as { trailingTrivia?: string }).trailingTrivia = `\n${preamble}\n`;
  return { kind: StructureKind.SourceFile, statements };
}

function declared(c: ConstantDecl): string {
  if (!c.destructure) return c.name;
  return `{ ${c.destructure.map((b) => (b.property === b.name ? b.name : `${b.property}: ${b.name}`)).join(', ')} }`;
}

function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029\u0085]+/g, ' ');
}
