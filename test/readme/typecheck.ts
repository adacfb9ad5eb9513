import { dirname, resolve } from 'node:path';
import ts from 'typescript';

/**
 * Type-checks in-memory modules as if they were files at `files`' paths in the repository, with the
 * repository's tsconfig.json (its `paths` map 'ghl-sdk' to the source). Returns the diagnostics found
 * in those modules (1-based lines).
 */
export function typecheck(files: Map<string, string>, tsconfigPath: string): Array<{ file: string; line: number; message: string }> {
  const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(tsconfigPath, ts.sys.readFile).config, ts.sys, dirname(tsconfigPath));
  const options: ts.CompilerOptions = { ...parsed.options, noEmit: true };
  const host = ts.createCompilerHost(options);
  const virtual = new Map([...files].map(([path, text]) => [resolve(path), text]));
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (path) => virtual.has(resolve(path)) || fileExists.call(host, path);
  host.readFile = (path) => virtual.get(resolve(path)) ?? readFile.call(host, path);
  host.getSourceFile = (path, language, ...rest) => {
    const text = virtual.get(resolve(path));
    return text === undefined ? getSourceFile.call(host, path, language, ...rest) : ts.createSourceFile(path, text, language);
  };
  const program = ts.createProgram([...virtual.keys()], options, host);
  return [...virtual.keys()].flatMap((path) =>
    ts.getPreEmitDiagnostics(program, program.getSourceFile(path)).map((diagnostic) => {
      const position = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start) : undefined;
      return { file: path, line: position ? position.line + 1 : 0, message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n') };
    }),
  );
}
