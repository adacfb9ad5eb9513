import { describe, expect, it } from 'vitest';
import { parseDotenv, updateDotenv } from '../../src/stores/dotenv-file.js';

/** A .env as people write them: comments, export, every quoting style, a multi-line value, blanks. */
const LINES = [
  '# GHL settings (edited by hand)',
  'export FOO=bar',
  '',
  'GHL_CLIENT_ID="client id with spaces"',
  "SINGLE='single # not a comment'",
  'GHL_REFRESH_TOKEN="rt-old"   # the seed',
  'MULTI="line one',
  'GHL_ACCESS_TOKEN=inside-a-quoted-value',
  'line three"',
  '   INDENTED = spaced   # trailing comment',
  "export GHL_ACCESS_TOKEN='at-old'",
  'BACKTICK=`tick`',
  'EMPTY=',
  '#GHL_TOKEN_EXPIRES_AT=commented-out',
  '',
  'LAST=value',
];

const NEW = { GHL_ACCESS_TOKEN: 'at-new', GHL_REFRESH_TOKEN: 'rt-new', GHL_TOKEN_EXPIRES_AT: '1767225600000' };

describe('parseDotenv', () => {
  it('reads values the way dotenv does', () => {
    const vars = parseDotenv(LINES.join('\n'));
    expect(Object.fromEntries(vars)).toEqual({
      FOO: 'bar',
      GHL_CLIENT_ID: 'client id with spaces',
      SINGLE: 'single # not a comment',
      GHL_REFRESH_TOKEN: 'rt-old',
      MULTI: 'line one\nGHL_ACCESS_TOKEN=inside-a-quoted-value\nline three',
      INDENTED: 'spaced',
      GHL_ACCESS_TOKEN: 'at-old',
      BACKTICK: 'tick',
      EMPTY: '',
      LAST: 'value',
    });
  });

  it('reads CRLF files, a BOM, inline comments, \\n in double quotes and the last of repeated keys', () => {
    const text = '\uFEFFA=1\r\nB=two # note\r\nC="x\\ny"\r\nA=3\r\nD=4#tight';
    expect(Object.fromEntries(parseDotenv(text))).toEqual({ A: '3', B: 'two', C: 'x\ny', D: '4' });
  });
});

describe('updateDotenv', () => {
  it('rewrites only the token values: every other byte stays, quoting and comments included', () => {
    const text = `${LINES.join('\n')}\n`;
    const expected = text
      .replace('GHL_REFRESH_TOKEN="rt-old"   # the seed', 'GHL_REFRESH_TOKEN="rt-new"   # the seed')
      .replace("export GHL_ACCESS_TOKEN='at-old'", "export GHL_ACCESS_TOKEN='at-new'")
      .concat('GHL_TOKEN_EXPIRES_AT=1767225600000\n');

    const updated = updateDotenv(text, NEW);

    expect(updated).toBe(expected);
    expect(parseDotenv(updated).get('MULTI')).toContain('GHL_ACCESS_TOKEN=inside-a-quoted-value');
    expect(parseDotenv(updated).get('GHL_ACCESS_TOKEN')).toBe('at-new');
  });

  it('keeps CRLF line endings, and appends with them', () => {
    const text = `${LINES.join('\r\n')}\r\n`;
    const updated = updateDotenv(text, NEW);
    expect(updated).toBe(
      text
        .replace('"rt-old"', '"rt-new"')
        .replace("'at-old'", "'at-new'")
        .concat('GHL_TOKEN_EXPIRES_AT=1767225600000\r\n'),
    );
    expect(updated.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('changes no line other than the token lines (line by line)', () => {
    const text = `${LINES.join('\n')}\n`;
    const before = text.split('\n').slice(0, -1); // the '' after the final newline is where appends go
    const after = updateDotenv(text, NEW).split('\n');
    const tokenLine = /^(export )?GHL_(ACCESS_TOKEN|REFRESH_TOKEN|TOKEN_EXPIRES_AT)=/;
    before.forEach((line, i) => {
      if (!tokenLine.test(line)) expect(after[i]).toBe(line);
    });
    expect(after.slice(before.length)).toEqual(['GHL_TOKEN_EXPIRES_AT=1767225600000', '']);
  });

  it('rewrites every occurrence of a repeated key, so any reader gets the new value', () => {
    expect(updateDotenv('K=a\nX=1\nK="b"\n', { K: 'c' })).toBe('K=c\nX=1\nK="c"\n');
  });

  it('appends missing keys on their own line, with or without a final newline, and creates content from nothing', () => {
    expect(updateDotenv('A=1', { B: '2' })).toBe('A=1\nB=2\n');
    expect(updateDotenv('A=1\n', { B: '2' })).toBe('A=1\nB=2\n');
    expect(updateDotenv('', { B: '2' })).toBe('B=2\n');
  });

  it('clears a present key for undefined (blank reads as unset) and appends nothing for it', () => {
    expect(updateDotenv('A=1\nB="x" # c\n', { A: undefined, B: undefined, C: undefined })).toBe('A=\nB="" # c\n');
  });

  it('keeps a BOM and puts values that need it in double quotes, escaped so they read back the same', () => {
    const updated = updateDotenv('\uFEFFA=1\n', { A: '2', B: 'two words\nand a line' });
    expect(updated).toBe('\uFEFFA=2\nB="two words\\nand a line"\n');
    expect(parseDotenv(updated).get('B')).toBe('two words\nand a line');
  });

  it('leaves lines it does not read as assignments alone', () => {
    const text = 'not an assignment\n=oops\n1BAD=x\nGHL_REFRESH_TOKEN: yaml-style\n';
    expect(updateDotenv(text, { GHL_REFRESH_TOKEN: 'rt-new' })).toBe(`${text}GHL_REFRESH_TOKEN=rt-new\n`);
  });
});
