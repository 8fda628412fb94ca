import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { STUB_ROOT } from './renderPage';

/**
 * DevTools' typescript compiler plugin transpiles each .ts file on its own (with
 * @babel/plugin-transform-typescript: types stripped, nothing checked) and ships only what is
 * under miniprogramRoot. So the stub may import from ../src only with `import type`, which
 * vanishes at compile. ts.transpileModule does the same per-file stripping here.
 */
function appSources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test' ? [] : appSources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

const SOURCES = appSources(STUB_ROOT).map((file) => path.relative(STUB_ROOT, file));
const insideRoot = (file: string) => !path.relative(STUB_ROOT, file).startsWith('..');

describe('stub sources as DevTools compiles them', () => {
  it('finds the app, config and both pages', () => {
    expect(SOURCES).toEqual(
      expect.arrayContaining(['app.ts', 'config.ts', 'pages/scan/index.ts', 'pages/records/index.ts']),
    );
  });

  it.each(SOURCES)('%s imports from outside miniprogramRoot with `import type` only', (file) => {
    const full = path.join(STUB_ROOT, file);
    const source = ts.createSourceFile(full, fs.readFileSync(full, 'utf8'), ts.ScriptTarget.ES2022);
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
      const specifier = statement.moduleSpecifier;
      if (!specifier || !ts.isStringLiteral(specifier)) continue;
      const target = path.resolve(path.dirname(full), specifier.text);
      if (insideRoot(target)) continue;
      const typeOnly = ts.isImportDeclaration(statement)
        ? statement.importClause?.isTypeOnly === true
        : statement.isTypeOnly;
      expect({ file, specifier: specifier.text, typeOnly }).toEqual({
        file,
        specifier: specifier.text,
        typeOnly: true,
      });
    }
  });

  it.each(SOURCES)('%s transpiled on its own requires nothing outside miniprogramRoot', (file) => {
    const full = path.join(STUB_ROOT, file);
    const { outputText } = ts.transpileModule(fs.readFileSync(full, 'utf8'), {
      fileName: full,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2017 },
    });

    const required = [...outputText.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!);
    for (const specifier of required) {
      expect(specifier.startsWith('.')).toBe(true);
      expect(insideRoot(path.resolve(path.dirname(full), specifier))).toBe(true);
    }
  });

  it('does import the shared contract types from src/api.ts (so the checks above mean something)', () => {
    const importers = SOURCES.filter((file) =>
      /import type [^;]+ from '(\.\.\/)+src\/api'/.test(fs.readFileSync(path.join(STUB_ROOT, file), 'utf8')),
    );
    expect(importers.length).toBeGreaterThan(0);
  });
});

describe('app.json and project.config.json', () => {
  const appJson = JSON.parse(fs.readFileSync(path.join(STUB_ROOT, 'app.json'), 'utf8')) as {
    pages: string[];
  };
  const projectRoot = path.join(STUB_ROOT, '..');
  const project = JSON.parse(fs.readFileSync(path.join(projectRoot, 'project.config.json'), 'utf8')) as {
    miniprogramRoot: string;
    cloudfunctionRoot: string;
    appid: string;
    setting: { useCompilerPlugins: string[] };
    packOptions: { ignore: { type: string; value: string }[] };
  };

  it.each(appJson.pages)('page %s has its .ts, .wxml, .wxss and .json', (page) => {
    for (const ext of ['ts', 'wxml', 'wxss', 'json']) {
      expect(fs.existsSync(path.join(STUB_ROOT, `${page}.${ext}`))).toBe(true);
    }
  });

  it('points DevTools at the stub and the cloud functions, compiling TypeScript', () => {
    expect(path.resolve(projectRoot, project.miniprogramRoot)).toBe(STUB_ROOT);
    expect(fs.existsSync(path.resolve(projectRoot, project.cloudfunctionRoot))).toBe(true);
    expect(project.setting.useCompilerPlugins).toContain('typescript');
    expect(project.appid).toBe('touristappid');
  });

  it('keeps the tests out of the uploaded package', () => {
    expect(project.packOptions.ignore).toEqual(
      expect.arrayContaining([
        { type: 'folder', value: 'test' },
        { type: 'suffix', value: '.test.ts' },
      ]),
    );
  });
});
