import cloud from 'wx-server-sdk';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

export async function main(event: unknown): Promise<unknown> {
  return { ok: false, code: 'INTERNAL', message: `not implemented yet: ${typeof event}` };
}
