import { diagnose, failureLines } from '../../../scripts/deploy/detectFailure';

describe('failureLines', () => {
  it.each([
    ['[error] deploy failed'],
    ['✖ upload cloud function'],
    ['{"errCode": -604101, "errMsg": "no permission"}'],
    ['errcode=101003'],
    ['"success": false'],
    ['│ ocrDriverLicense │ false │ 12 │'],
    ['Error: env not found'],
    ['云函数上传失败'],
    ['IDE service port disabled. To use CLI Call, please enter y'],
  ])('flags %j', (line) => {
    expect(failureLines(`✔ start\n${line}\n✔ end`)).toEqual([line]);
  });

  it.each([
    ['✔ deploy ocrDriverLicense success'],
    ['errCode: 0'],
    ['"success": true'],
    ['│ ocrDriverLicense │ true │ 12 │'],
    ["env prod's cloudfunction 'ocrDriverLicense' status: UpdateFailed"],
    ['will update cloudfunction. remote-npm-install: false'],
  ])('does not flag %j', (line) => {
    expect(failureLines(line)).toEqual([]);
  });
});

describe('diagnose', () => {
  it.each([
    ['IDE service port disabled', '设置 -> 安全设置 -> 服务端口'],
    ['getCloudAPISignedHeader failed', 'not logged in'],
    ['errCode -604101', 'config.json'],
    ['Error: env not found', 'check --env'],
    ['invalid ip: 203.0.113.9', 'whitelist'],
  ])('explains %j', (output, hint) => {
    expect(
      diagnose(output)
        .map((d) => d.hint)
        .join('\n'),
    ).toContain(hint);
  });

  it('has nothing to say about an unknown failure', () => {
    expect(diagnose('[error] something new')).toEqual([]);
  });
});
