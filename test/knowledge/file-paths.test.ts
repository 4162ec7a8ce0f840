import { describe, expect, it } from 'vitest';
import { dirName, fileName, isAbsolutePath, isRemoteOrVariable, normalizePath, relativePath, resolvePath } from '../../server/src/knowledge/file-paths';

describe('file paths', () => {
  it('normalises dots, doubled slashes and backslashes', () => {
    expect(normalizePath('/a/./b//c/../d/')).toBe('/a/b/d');
    expect(normalizePath('./a/b/')).toBe('a/b');
    expect(normalizePath('../x')).toBe('../x');
    expect(normalizePath('/../x')).toBe('/x');
    expect(normalizePath('C:\\work\\app\\..\\api')).toBe('C:/work/api');
    expect(normalizePath('.')).toBe('.');
  });

  it('tells absolute paths from relative ones', () => {
    expect(isAbsolutePath('/work/x')).toBe(true);
    expect(isAbsolutePath('C:/work/x')).toBe(true);
    expect(isAbsolutePath('untitled:Untitled-1')).toBe(false);
    expect(isAbsolutePath('./x')).toBe(false);
  });

  it('finds directories and file names, the root included', () => {
    expect(dirName('/work/project/compose.yaml')).toBe('/work/project');
    expect(dirName('/compose.yaml')).toBe('/');
    expect(dirName('C:/compose.yaml')).toBe('C:/');
    expect(fileName('/work/project/Dockerfile.dev')).toBe('Dockerfile.dev');
  });

  it('resolves relative paths against a directory and keeps absolute ones', () => {
    expect(resolvePath('/work/project', './api/Dockerfile')).toBe('/work/project/api/Dockerfile');
    expect(resolvePath('/work/project', '../shared')).toBe('/work/shared');
    expect(resolvePath('/work/project', '/opt/Dockerfile')).toBe('/opt/Dockerfile');
    expect(resolvePath('/', '.dockerignore')).toBe('/.dockerignore');
  });

  it('writes paths relative to a directory, climbing with ..', () => {
    expect(relativePath('/work/project', '/work/project/api/Dockerfile')).toBe('api/Dockerfile');
    expect(relativePath('/work/project', '/work/Dockerfile')).toBe('../Dockerfile');
    expect(relativePath('C:/a', 'D:/b/Dockerfile')).toBe('D:/b/Dockerfile');
  });

  it('recognises remote and variable build contexts', () => {
    expect(isRemoteOrVariable('https://github.com/x/y.git#main')).toBe(true);
    expect(isRemoteOrVariable('git@github.com:x/y.git')).toBe(true);
    expect(isRemoteOrVariable('${APP_DIR:-.}')).toBe(true);
    expect(isRemoteOrVariable('./app')).toBe(false);
  });
});
