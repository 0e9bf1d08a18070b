import { runCliCaptured } from './testing/captured-cli-run';

/**
 * Commander's usage errors speak the global --lang too: Vietnamese by default, English with
 * --lang en (or =en, before or after the command) or DOCAXIS_LANG=en. The language is read from
 * the command line before commander parses it, so an error met before `--lang` is worded in it.
 */
describe('docaxis usage errors, in --lang', () => {
  const cli = (argv: string[], env: NodeJS.ProcessEnv = {}) => runCliCaptured(argv, env);

  it('words an unknown option, with its suggestion, in both languages (exit 2)', async () => {
    expect(await cli(['inbox', '--jsn'])).toEqual({
      code: 2,
      stdout: '',
      stderr: "lỗi: không có tùy chọn '--jsn'\n(Có phải ý bạn là --json?)\n",
    });
    expect(await cli(['inbox', '--jsn', '--lang', 'en'])).toEqual({
      code: 2,
      stdout: '',
      stderr: "error: unknown option '--jsn'\n(Did you mean --json?)\n",
    });
  });

  it('words a missing argument in both languages (exit 2)', async () => {
    expect(await cli(['verify'])).toEqual({
      code: 2,
      stdout: '',
      stderr: "lỗi: thiếu tham số bắt buộc 'files'\n",
    });
    expect(await cli(['verify'], { DOCAXIS_LANG: 'en' })).toEqual({
      code: 2,
      stdout: '',
      stderr: "error: missing required argument 'files'\n",
    });
  });

  it.each([
    [
      'an unknown command',
      ['sedn'],
      "lỗi: không có lệnh 'sedn'\n(Có phải ý bạn là send?)\n",
      "error: unknown command 'sedn'\n(Did you mean send?)\n",
    ],
    [
      'too many arguments',
      ['status', 'd1', '03', 'extra'],
      "lỗi: quá nhiều tham số cho lệnh 'status'. Cần 2 tham số nhưng nhận được 3.\n",
      "error: too many arguments for 'status'. Expected 2 arguments but got 3.\n",
    ],
    [
      'a required option not given',
      ['recall', 'd1'],
      "lỗi: thiếu tùy chọn bắt buộc '--reason <text>'\n",
      "error: required option '--reason <text>' not specified\n",
    ],
    [
      'an option without its value',
      ['fetch', 'd1', '--out'],
      "lỗi: tùy chọn '--out <dir>' thiếu giá trị\n",
      "error: option '--out <dir>' argument missing\n",
    ],
    [
      'a value not among the choices',
      ['audit', 'export', '--format', 'xml'],
      "lỗi: giá trị 'xml' của tùy chọn '--format <format>' không hợp lệ. Giá trị được phép: csv, pdf.\n",
      "error: option '--format <format>' argument 'xml' is invalid. Allowed choices are csv, pdf.\n",
    ],
    [
      'conflicting options',
      ['certs', 'dev', '--if-missing', '--force'],
      "lỗi: không dùng được tùy chọn '--force' cùng với tùy chọn '--if-missing'\n",
      "error: option '--force' cannot be used with option '--if-missing'\n",
    ],
  ])('words %s in both languages (exit 2)', async (_name, argv, vi, en) => {
    expect(await cli(argv)).toEqual({ code: 2, stdout: '', stderr: vi });
    expect(await cli([...argv, '--lang', 'en'])).toEqual({ code: 2, stdout: '', stderr: en });
  });

  it('refuses an unknown --lang with commander choice error, in the default language', async () => {
    expect(await cli(['--lang', 'xx', 'inbox'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "lỗi: giá trị 'xx' của tùy chọn '--lang <lang>' không hợp lệ. Giá trị được phép: vi, en.\n",
    });
    const beforeHelp = await cli(['--lang=xx', '--help'], { DOCAXIS_LANG: 'en' });
    expect(beforeHelp.code).toBe(2);
    expect(beforeHelp.stderr).toMatch(/^lỗi: giá trị 'xx' của tùy chọn '--lang <lang>'/);
  });

  it('refuses an unknown DOCAXIS_LANG in the default language', async () => {
    expect(await cli(['certs', 'dev', '--out', '/nonexistent/x'], { DOCAXIS_LANG: 'fr' })).toEqual({
      code: 2,
      stdout: '',
      stderr: "lỗi: giá trị 'fr' của DOCAXIS_LANG không hợp lệ. Giá trị được phép: vi, en.\n",
    });
  });
});
