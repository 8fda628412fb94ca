import fc from 'fast-check';
import { DATABASE_ACTIONS } from '../../../emulator/core/database/DatabaseService';
import { OPENAPI_ACTION } from '../../../emulator/core/GatewayService';
import { encodeCommApiData } from '../../../emulator/core/openapi/commOpenApiProto';
import { STORAGE_ACTIONS } from '../../../emulator/core/storage/StorageService';
import type { RawRequest } from '../../support/rawHttp';
import { multipartBody } from '../../support/rawHttp';

/**
 * - '4xx': no client sends this (cut, oversized, unparseable, foreign, wrong type or method): a 4xx.
 * - 'clean': well-formed but with nonsense inside; the backend's own answer (HTTP 200 + code, or a
 *   4xx), never a system error.
 */
export type Expectation = '4xx' | 'clean';

export interface HostileRequest {
  kind: string;
  expect: Expectation;
  request: RawRequest;
}

/** What a request needs to get past the first door of some routes. */
export interface HostileContext {
  accessToken: string;
  bucket: string;
  port: number;
}

const ROUTES: { path: (ctx: HostileContext) => string; methods: string[] }[] = [
  { path: () => '/admin', methods: ['POST'] },
  { path: () => '/__emulator/health', methods: ['GET'] },
  { path: () => '/__emulator/faults', methods: ['GET', 'POST', 'DELETE'] },
  { path: () => '/__emulator/indexes', methods: ['GET', 'POST'] },
  { path: () => '/__emulator/stats', methods: ['GET'] },
  { path: () => '/__storage/upload?token=0123', methods: ['PUT', 'POST'] },
  { path: (ctx) => `/${ctx.bucket}/a.jpg?sign=x&t=1`, methods: ['GET', 'HEAD'] },
  { path: () => '/cgi-bin/token?grant_type=client_credential', methods: ['GET'] },
  { path: (ctx) => `/cv/ocr/drivinglicense?access_token=${ctx.accessToken}`, methods: ['POST'] },
];

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND', 'PURGE'];

/** Text Node will put in a header or a path: printable ASCII. */
const printable = (maxLength: number) =>
  fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength });
const bytes = (maxLength: number) => fc.uint8Array({ maxLength }).map((a) => Buffer.from(a));

/** A method a route does not take, or a path no route has. */
function oddMethodOrPath(ctx: HostileContext): fc.Arbitrary<HostileRequest> {
  const wrongMethod = fc
    .record({ route: fc.constantFrom(...ROUTES), method: fc.constantFrom(...METHODS) })
    .filter(({ route, method }) => !route.methods.includes(method) && method !== 'HEAD')
    .map(({ route, method }) => ({ method, path: route.path(ctx) }));
  const noRoute = fc
    .record({
      method: fc.constantFrom(...METHODS.filter((m) => m !== 'HEAD')),
      path: printable(60).map((p) => `/x${encodeURI(p).replaceAll('#', '%23').replaceAll('?', '%3F')}`),
    })
    .map(({ method, path }) => ({ method, path }));
  return fc
    .oneof(wrongMethod, noRoute)
    .map((request) => ({ kind: 'odd method or path', expect: '4xx', request }));
}

/** JSON cut short, not JSON at all, or JSON that is not an object, to every JSON route. */
function badJson(): fc.Arbitrary<HostileRequest> {
  const notJson = fc.oneof(
    fc.json().map((text) => text.slice(0, Math.max(0, text.length - 1)) || '{'),
    printable(200).filter((text) => !parses(text)),
    fc
      .jsonValue()
      .filter((v) => typeof v !== 'object' || v === null || Array.isArray(v))
      .map((v) => JSON.stringify(v)),
  );
  return fc
    .record({
      path: fc.constantFrom('/admin', '/__emulator/faults', '/__emulator/indexes'),
      body: notJson,
      charset: fc.constantFrom('', '; charset=utf-8', '; charset=utf-16'),
    })
    .map(({ path, body, charset }) => ({
      kind: 'bad JSON',
      expect: '4xx',
      request: { method: 'POST', path, headers: { 'content-type': `application/json${charset}` }, body },
    }));
}

/** Forms with a wrong boundary, cut inside a part, never closed, with too many parts, or just noise. */
function badMultipart(ctx: HostileContext): fc.Arbitrary<HostileRequest> {
  const targets = fc.constantFrom(
    { path: '/admin', fields: { action: 'wx.openApi', apiName: 'ocr.driverLicense' } },
    { path: `/cv/ocr/drivinglicense?access_token=${ctx.accessToken}`, fields: {} },
    { path: '/__storage/upload?token=0123', fields: { key: 'a.jpg', 'x-cos-security-token': 'local-0123' } },
  );
  const form = (fields: Record<string, string>, file: Buffer, close = true) =>
    multipartBody(
      'b0und',
      [
        ...Object.entries(fields).map(([name, value]) => ({ name, value })),
        { name: 'file', filename: 'a.jpg', contentType: 'application/octet-stream', value: file },
      ],
      { close },
    );
  const broken = fc.oneof(
    fc.record({ file: bytes(2000), cut: fc.nat() }).map(({ file, cut }) => ({
      header: 'multipart/form-data; boundary=b0und',
      make: (fields: Record<string, string>) => {
        const whole = form(fields, file);
        return whole.subarray(0, Math.min(whole.length - 12, 40 + (cut % whole.length)));
      },
    })),
    bytes(500).map((file) => ({
      header: 'multipart/form-data; boundary=b0und',
      make: (fields: Record<string, string>) => form(fields, file, false),
    })),
    bytes(500).map((file) => ({
      header: 'multipart/form-data; boundary=other',
      make: (fields: Record<string, string>) => form(fields, file),
    })),
    fc.constant({
      header: 'multipart/form-data; boundary=b0und',
      make: () =>
        multipartBody(
          'b0und',
          Array.from({ length: 40 }, (_, i) => ({ name: `f${i}`, value: 'x' })),
        ),
    }),
    fc
      .record({
        noise: bytes(3000),
        header: fc.constantFrom('multipart/form-data', 'multipart/form-data; boundary='),
      })
      .map(({ noise, header }) => ({ header, make: () => noise })),
  );
  return fc.record({ target: targets, broken }).map(({ target, broken }) => ({
    kind: 'bad multipart',
    expect: '4xx',
    request: {
      method: 'POST',
      path: target.path,
      headers: { 'content-type': broken.header },
      body: broken.make(target.fields),
    },
  }));
}

/** wx.openApi with requestData that is noise, cut short, or a CommApiData with nonsense in it. */
function badProtobuf(): fc.Arbitrary<HostileRequest> {
  const valid = (pairs: { key: string; value: Buffer }[]) => encodeCommApiData({ apiType: 0, pairs });
  const requestData = fc.oneof(
    bytes(300).map((noise) => ({ data: noise, expect: 'clean' as const })),
    fc
      .record({ key: fc.constantFrom('img', 'img_url', 'type', 'x'), value: bytes(200), cut: fc.nat() })
      .map(({ key, value, cut }) => {
        const whole = valid([{ key, value }]);
        return { data: whole.subarray(0, cut % whole.length), expect: 'clean' as const };
      }),
    fc
      .record({ key: fc.constantFrom('img', 'img_url', 'type'), value: fc.jsonValue() })
      .map(({ key, value }) => ({
        data: valid([{ key, value: Buffer.from(JSON.stringify(value) ?? 'null') }]),
        expect: 'clean' as const,
      })),
  );
  return fc
    .record({ apiName: fc.constantFrom('ocr.driverLicense', 'ocr.nothing', ''), requestData })
    .map(({ apiName, requestData }) => ({
      kind: 'bad protobuf',
      // Protobuf is lenient: noise often decodes as an (empty) CommApiData, answered as WeChat would.
      expect: requestData.expect,
      request: {
        method: 'POST',
        path: '/admin',
        headers: { 'content-type': 'multipart/form-data; boundary=pb' },
        body: multipartBody('pb', [
          { name: 'action', value: 'wx.openApi' },
          { name: 'apiName', value: apiName },
          {
            name: 'requestData',
            filename: 'requestData',
            contentType: 'application/octet-stream',
            value: requestData.data,
          },
        ]),
      },
    }));
}

/** A body in a type the route does not take (what a cross-site form can send). */
function wrongContentType(ctx: HostileContext): fc.Arbitrary<HostileRequest> {
  return fc
    .record({
      path: fc.constantFrom(
        '/admin',
        '/__emulator/faults',
        '/__emulator/reset',
        `/cv/ocr/drivinglicense?access_token=${ctx.accessToken}`,
      ),
      type: fc.oneof(
        fc.constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/xml',
          'text/html; charset=utf-8',
        ),
        printable(30).map((t) => `x-${t.replaceAll(';', '')}`),
      ),
      body: printable(200).filter((b) => b.length > 0),
    })
    .map(({ path, type, body }) => ({
      kind: 'wrong content type',
      expect: '4xx',
      request: { method: 'POST', path, headers: { 'content-type': type }, body },
    }));
}

/** A page elsewhere: a foreign Host (DNS rebinding) or Origin, on any route. */
function foreignHostOrOrigin(ctx: HostileContext): fc.Arbitrary<HostileRequest> {
  const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}\.(example|test|com|cn)$/);
  const headers = fc.oneof(
    fc.record({ host: name.map((n) => `${n}:${ctx.port}`) }),
    fc.record({ host: fc.constantFrom('127.0.0.1.nip.io', '0.0.0.0', '192.168.1.2', 'localhost.example') }),
    fc.record({
      origin: fc.oneof(
        name.map((n) => `https://${n}`),
        fc.constantFrom('null', 'http://localhost:1', 'file://'),
      ),
    }),
  );
  return fc
    .record({ route: fc.constantFrom(...ROUTES), headers, body: printable(100) })
    .map(({ route, headers, body }) => {
      const method = route.methods.find((m) => m !== 'HEAD') ?? 'GET';
      return {
        kind: 'foreign Host or Origin',
        expect: '4xx',
        request: {
          method,
          path: route.path(ctx),
          headers: { ...headers, 'content-type': 'application/json' },
          ...(method === 'GET' ? {} : { body }),
        },
      };
    });
}

/** A Content-Length far over any limit (the few bytes that follow never make it up). */
function oversizedDeclared(ctx: HostileContext): fc.Arbitrary<HostileRequest> {
  return fc
    .record({
      route: fc.constantFrom(
        { path: '/admin', type: 'application/json' },
        { path: '/__emulator/faults', type: 'application/json' },
        { path: '/__storage/upload?token=0123', type: 'application/octet-stream' },
        {
          path: `/cv/ocr/drivinglicense?access_token=${ctx.accessToken}`,
          type: 'multipart/form-data; boundary=b',
        },
      ),
      length: fc.integer({ min: 60 * 1024 * 1024, max: 2 ** 40 }),
    })
    .map(({ route, length }) => ({
      kind: 'oversized body',
      expect: '4xx',
      request: {
        method: route.path.startsWith('/__storage') ? 'PUT' : 'POST',
        path: route.path,
        headers: { 'content-type': route.type, 'content-length': String(length) },
        body: Buffer.from('{"a":'),
      },
    }));
}

const GATEWAY_ACTIONS = [...DATABASE_ACTIONS, ...STORAGE_ACTIONS, OPENAPI_ACTION, 'functions.invokeFunction'];

/** Gateway JSON shaped like an SDK call, with random values where the SDK puts its own. */
function nonsenseGatewayCall(): fc.Arbitrary<HostileRequest> {
  const ejsonish = fc.oneof(
    fc.json(),
    fc.jsonValue(),
    fc.constantFrom(
      '{"$where":"1"}',
      '{"a":{"$regex":"(a+)+$"}}',
      '{"$expr":{"$function":{"body":"x","args":[]}}}',
    ),
  );
  return fc
    .record(
      {
        action: fc.constantFrom(...GATEWAY_ACTIONS),
        collectionName: fc.oneof(fc.constantFrom('fuzz', 'a b', ''), fc.jsonValue()),
        queryType: fc.constantFrom('WHERE', 'DOC', 'X'),
        query: ejsonish,
        data: fc.oneof(fc.array(ejsonish, { maxLength: 3 }), ejsonish),
        order: ejsonish,
        projection: ejsonish,
        limit: fc.jsonValue(),
        offset: fc.jsonValue(),
        multi: fc.jsonValue(),
        path: fc.oneof(printable(40), fc.jsonValue()),
        file_list: fc.jsonValue(),
        fileid_list: fc.jsonValue(),
        envName: fc.constantFrom('local-dev', 'other'),
      },
      { requiredKeys: ['action'] },
    )
    .map((call) => ({
      kind: 'nonsense gateway call',
      expect: 'clean',
      request: {
        method: 'POST',
        path: '/admin?env=local-dev&seqId=fuzz',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(call),
      },
    }));
}

/** Every kind of hostile request, weighted towards the ones with the most room inside. */
export function hostileRequest(ctx: HostileContext): fc.Arbitrary<HostileRequest> {
  return fc.oneof(
    { arbitrary: oddMethodOrPath(ctx), weight: 1 },
    { arbitrary: badJson(), weight: 2 },
    { arbitrary: badMultipart(ctx), weight: 3 },
    { arbitrary: badProtobuf(), weight: 2 },
    { arbitrary: wrongContentType(ctx), weight: 1 },
    { arbitrary: foreignHostOrOrigin(ctx), weight: 1 },
    { arbitrary: oversizedDeclared(ctx), weight: 1 },
    { arbitrary: nonsenseGatewayCall(), weight: 3 },
  );
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
