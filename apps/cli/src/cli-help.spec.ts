import { runCliCaptured } from './testing/captured-cli-run';

/**
 * The help and commander's usage errors speak the global --lang too: Vietnamese by default,
 * English with --lang en (or =en, before or after the command) or DOCAXIS_LANG=en. The language
 * is read from the command line before commander prints anything, so even `--help` given
 * before `--lang` is worded in it.
 */
describe('docaxis --help and usage errors, in --lang', () => {
  const cli = (argv: string[], env: NodeJS.ProcessEnv = {}) => runCliCaptured(argv, env);

  /** The help with its wrapped descriptions on one line each, for phrases that cross a wrap. */
  const unwrapped = (help: string) => help.replace(/\n {3,}/g, ' ');

  it('prints the program help in Vietnamese by default', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stderr).toBe('');
    expect(help.stdout).toMatch(/^Cách dùng: docaxis \[tùy chọn\] \[lệnh\]\n/);
    for (const heading of ['\nTùy chọn:\n', '\nLệnh:\n']) expect(help.stdout).toContain(heading);
    expect(help.stdout).toMatch(/\n {2}-h, --help +hiển thị trợ giúp của lệnh\n/);
    expect(help.stdout).toMatch(/\n {2}send \[tùy chọn\] <envelope> <files\.\.\.> +gửi văn bản: /);
    expect(help.stdout).toMatch(/\n {2}help \[lệnh\] +hiển thị trợ giúp của lệnh\n/);
    expect(unwrapped(help.stdout)).toContain('(giá trị được phép: "vi", "en", mặc định: "vi")');
    for (const english of ['Usage:', 'Options:', 'Commands:', 'display help', 'default:']) {
      expect(help.stdout).not.toContain(english);
    }
  });

  it.each([
    ['--lang en first', ['--lang', 'en', '--help'], {}],
    ['--lang=en after --help', ['--help', '--lang=en'], {}],
    ['DOCAXIS_LANG=en', ['--help'], { DOCAXIS_LANG: 'en' }],
  ])('prints the program help in English with %s', async (_name, argv, env) => {
    const help = await cli(argv, env);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: docaxis \[options\] \[command\]\n/);
    for (const heading of ['\nOptions:\n', '\nCommands:\n']) expect(help.stdout).toContain(heading);
    expect(help.stdout).toMatch(/\n {2}-h, --help +display help for command\n/);
    expect(help.stdout).toMatch(
      /\n {2}send \[options\] <envelope> <files\.\.\.> +send a dispatch: /,
    );
    expect(unwrapped(help.stdout)).toContain('(choices: "vi", "en", default: "vi")');
    expect(help.stdout).not.toContain('Cách dùng');
  });

  it('lets --lang win over DOCAXIS_LANG for the help too', async () => {
    const help = await cli(['--help', '--lang', 'vi'], { DOCAXIS_LANG: 'en' });
    expect(help.stdout).toMatch(/^Cách dùng: /);
  });

  it("words a command's help, its arguments, options and the global ones", async () => {
    const vi = await cli(['send', '--help']);
    expect(vi.code).toBe(0);
    expect(vi.stdout).toMatch(/^Cách dùng: docaxis send \[tùy chọn\] <envelope> <files\.\.\.>\n/);
    expect(vi.stdout).toContain('\nTham số:\n');
    expect(vi.stdout).toMatch(/\n {2}envelope +phong bì, một tệp JSON\n/);
    expect(unwrapped(vi.stdout)).toMatch(
      /\n {2}--to <code\[=name\]> +cơ quan nhận \(có thể lặp lại\);[^\n]*\(mặc định: \[\]\)\n/,
    );
    expect(vi.stdout).toMatch(/\nTùy chọn chung:\n {2}--lang <lang> +ngôn ngữ hiển thị/);

    const en = await cli(['send', '--help', '--lang', 'en']);
    expect(en.stdout).toMatch(/^Usage: docaxis send \[options\] <envelope> <files\.\.\.>\n/);
    expect(en.stdout).toContain('\nArguments:\n');
    expect(en.stdout).toMatch(/\n {2}envelope +the envelope, a JSON file\n/);
    expect(en.stdout).toMatch(/\nGlobal Options:\n {2}--lang <lang> +language of the output/);
  });

  it("words a subcommand's help (audit export) in both languages", async () => {
    const vi = await cli(['audit', 'export', '--help']);
    expect(vi.code).toBe(0);
    expect(vi.stdout).toMatch(/^Cách dùng: docaxis audit export \[tùy chọn\]\n\nxuất các sự kiện/);
    expect(unwrapped(vi.stdout)).toMatch(
      /--format <format> +định dạng tệp xuất \(giá trị được phép: "csv", "pdf", mặc định: "csv"\)/,
    );
    const en = await cli(['audit', 'export', '--help'], { DOCAXIS_LANG: 'en' });
    expect(en.stdout).toMatch(/^Usage: docaxis audit export \[options\]\n\nexport audit events/);
    expect(unwrapped(en.stdout)).toMatch(
      /--format <format> +format of the export \(choices: "csv", "pdf", default: "csv"\)/,
    );
  });

  it('words the help of a command group and its help subcommand', async () => {
    const vi = await cli(['help', 'agencies']);
    expect(vi.code).toBe(0);
    expect(vi.stdout).toMatch(
      /^Cách dùng: docaxis agencies \[tùy chọn\] \[lệnh\]\n\nquản trị danh bạ cơ quan/,
    );
    expect(vi.stdout).toMatch(/\n {2}register \[tùy chọn\] <code> <name> +đăng ký một cơ quan\n/);
  });

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
      "a value the command's own parser refuses",
      ['audit', 'verify', '--to', '0'],
      "lỗi: giá trị '0' của tùy chọn '--to <seq>' không hợp lệ. Cần một số thứ tự bản ghi (từ 1 trở lên).\n",
      "error: option '--to <seq>' argument '0' is invalid. a record number (1 or more)\n",
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

  it('reads --lang as commander does where it follows an option that takes a value', async () => {
    // Commander takes the program's --lang wherever it stands: the --lang after --reason is an
    // option without its value, refused while --lang en is in force.
    expect(await cli(['--lang', 'en', 'recall', 'd1', '--reason', '--lang'])).toEqual({
      code: 2,
      stdout: '',
      stderr: "error: option '--lang <lang>' argument missing\n",
    });
    // The first --lang takes the second as its value and is refused: no language was set, the
    // `en` after it is no option's.
    expect(await cli(['recall', 'd1', '--reason', '--lang', '--lang', 'en'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "lỗi: giá trị '--lang' của tùy chọn '--lang <lang>' không hợp lệ. Giá trị được phép: vi, en.\n",
    });
  });

  it('refuses an unknown DOCAXIS_LANG in the default language', async () => {
    expect(await cli(['certs', 'dev', '--out', '/nonexistent/x'], { DOCAXIS_LANG: 'fr' })).toEqual({
      code: 2,
      stdout: '',
      stderr: "lỗi: giá trị 'fr' của DOCAXIS_LANG không hợp lệ. Giá trị được phép: vi, en.\n",
    });
  });

  it('prints the program help on stderr with exit 2 when no command is given', async () => {
    const vi = await cli([]);
    expect(vi.code).toBe(2);
    expect(vi.stdout).toBe('');
    expect(vi.stderr).toMatch(/^Cách dùng: docaxis \[tùy chọn\] \[lệnh\]\n/);
  });
});
