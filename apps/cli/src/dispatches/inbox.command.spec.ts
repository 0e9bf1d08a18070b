import { answerJson, startStandInGateway, type StandInGateway } from '../testing/stand-in-gateway';

/**
 * `docaxis inbox` against a stand-in gateway answering GET /inbox as the real one does: a status
 * notice's `name` in Vietnamese whatever the Accept-Language (the API has no other).
 */
describe('docaxis inbox', () => {
  const dispatchId = '01a20be6-6183-775d-86ef-e407833d73e2';
  let gateway: StandInGateway;

  beforeAll(async () => {
    gateway = await startStandInGateway((_request, response) =>
      answerJson(response, {
        items: [
          {
            kind: 'status',
            dispatchId,
            notice: {
              code: '02',
              name: 'Từ chối tiếp nhận',
              authorCode: '000.00.00.H41',
              reason: 'sai thể thức',
            },
          },
          {
            kind: 'status',
            dispatchId,
            notice: { code: '99', name: 'Mã mới', authorCode: '000.00.00.H41', reason: null },
          },
        ],
        nextCursor: null,
      }),
    );
  });

  afterAll(() => gateway?.close());

  it.each([
    ['--lang en', ['inbox', '--lang', 'en'], {}],
    ['DOCAXIS_LANG=en', ['inbox'], { DOCAXIS_LANG: 'en' }],
  ])("names a notice's status in English with %s", async (_name, argv, env) => {
    const result = await gateway.cli(argv, env);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n')).toEqual([
      `${dispatchId}  status 02    from 000.00.00.H41  Refused: sai thể thức`,
      // A code this CLI does not know keeps the axis' name rather than none.
      `${dispatchId}  status 99    from 000.00.00.H41  Mã mới`,
      '',
    ]);
  });

  it("keeps the axis' Vietnamese name in Vietnamese", async () => {
    const result = await gateway.cli(['inbox']);
    expect(result.stdout.split('\n')[0]).toBe(
      `${dispatchId}  trạng thái 02   từ 000.00.00.H41  Từ chối tiếp nhận: sai thể thức`,
    );
  });
});
