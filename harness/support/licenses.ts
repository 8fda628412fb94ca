import sharp from 'sharp';
import type { WeChatDriverLicenseFields } from '../../emulator/openapi/DriverLicenseRecognizer';
import { checkDigit } from '../../src/domain/rules/idNumber';

/** A check-digit-valid number for a birth date and a sequence (odd sequence = male). */
export function idNumber(birth: string, sequence: number): string {
  const first17 = `110101${birth.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + checkDigit(first17);
}

/** WeChat's HTTPS answer for a licence, snake_case, as recorded from real responses. */
export function wechatFields(overrides: Partial<WeChatDriverLicenseFields> = {}): WeChatDriverLicenseFields {
  return {
    id_num: idNumber('1990-12-21', 123),
    name: '张三',
    sex: '男',
    nationality: '中国',
    address: '北京市东城区景山前街4号',
    birth_date: '1990-12-21',
    issue_date: '2012-12-21',
    car_class: 'C1',
    valid_from: '2018-12-21',
    valid_to: '2024-12-21',
    official_seal: '北京市公安局公安交通管理局',
    ...overrides,
  };
}

/** A small, valid, distinct image per seed (the scripted recognizer keys on the bytes). */
export function photo(seed: number, format: 'png' | 'jpeg' = 'png'): Promise<Buffer> {
  const image = sharp({
    create: {
      width: 64,
      height: 40,
      channels: 3,
      background: { r: seed % 256, g: (seed * 7) % 256, b: 200 },
    },
  });
  return format === 'png' ? image.png().toBuffer() : image.jpeg().toBuffer();
}
