/**
 * Fails loudly when a wx-server-sdk upgrade changes the wire protocol the emulator implements.
 * A recording proxy sits between the real SDK and the emulator and records what the SDK sends.
 * Runs once per SDK major (sdkUnderTest); where they differ, the profile says how.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import busboy from 'busboy';
import { decodeCommApiData } from '../../../emulator/core/openapi/commOpenApiProto';
import { sdkEnvFor } from '../../../emulator/sdkEnv';
import { type Emulator, startEmulator } from '../../../emulator/startEmulator';
import { fakeJpeg, ScriptedRecognizer, statsOf } from './support/emulatorWithSdk';
import type { Cloud } from './support/SdkFacade';
import { nodeSdkFile, sdkUnderTest } from './support/sdkUnderTest';

const sdk = sdkUnderTest();
const API_TOKEN = 'wire-contract-api-token';

interface Recorded {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType: string;
  json?: Record<string, unknown>;
  multipart?: Map<string, Buffer>;
}

function parseMultipart(body: Buffer, contentType: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const parts = new Map<string, Buffer>();
    const parser = busboy({ headers: { 'content-type': contentType }, defCharset: 'latin1' });
    parser.on('field', (name, value) => parts.set(name, Buffer.from(value, 'latin1')));
    // busboy treats an application/octet-stream part as a file even without a filename.
    parser.on('file', (name, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('close', () => parts.set(name, Buffer.concat(chunks)));
    });
    parser.on('close', () => resolve(parts));
    parser.on('error', reject);
    parser.end(body);
  });
}

describe(`wire contract between wx-server-sdk ${sdk.version} and the emulator`, () => {
  const recorded: Recorded[] = [];
  let emulator: Emulator;
  let proxy: http.Server;
  let cloud: Cloud;
  let downloaded: Buffer;
  let uploads: Record<string, number>;

  beforeAll(async () => {
    emulator = await startEmulator({ recognizer: new ScriptedRecognizer() });
    const target = new URL(emulator.url);
    proxy = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', async () => {
        const body = Buffer.concat(chunks);
        const url = new URL(req.url ?? '/', 'http://proxy');
        const contentType = req.headers['content-type'] ?? '';
        const entry: Recorded = {
          method: req.method ?? '',
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          contentType,
        };
        if (contentType.startsWith('application/json')) entry.json = JSON.parse(body.toString());
        if (contentType.startsWith('multipart/form-data'))
          entry.multipart = await parseMultipart(body, contentType);
        recorded.push(entry);
        const forward = http.request(
          {
            host: target.hostname,
            port: target.port,
            path: req.url,
            method: req.method,
            headers: req.headers,
          },
          (upstream) => {
            res.writeHead(upstream.statusCode ?? 502, upstream.headers);
            upstream.pipe(res);
          },
        );
        forward.end(body);
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    Object.assign(process.env, sdkEnvFor(proxyUrl, emulator.envId));
    // What FunctionHost sets per invocation, as the platform does.
    process.env.WX_API_TOKEN = API_TOKEN;
    cloud = require(sdk.package) as Cloud;
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

    // One call of every kind the emulator implements.
    const db = cloud.database();
    await db.createCollection('wire');
    await db.collection('wire').add({ data: { _id: 'w1', at: db.serverDate(), n: 1 } });
    await db.collection('wire').doc('w1').get();
    await db
      .collection('wire')
      .where({ n: db.command.gt(0) })
      .orderBy('n', 'asc')
      .skip(0)
      .limit(5)
      .field({ n: true })
      .get();
    await db
      .collection('wire')
      .doc('w1')
      .update({ data: { n: db.command.inc(1) } });
    await db
      .collection('wire')
      .doc('w2')
      .set({ data: { n: 9 } });
    await db.collection('wire').where({ n: 9 }).count();
    await db.collection('wire').where({ n: 9 }).remove();
    const { fileID } = await cloud.uploadFile({ cloudPath: 'wire/a.jpg', fileContent: fakeJpeg(64) });
    await cloud.getTempFileURL({ fileList: [{ fileID, maxAge: 60 }] });
    downloaded = (await cloud.downloadFile({ fileID })).fileContent;
    await cloud.deleteFile({ fileList: [fileID] });
    uploads = Object.fromEntries(
      Object.entries((await statsOf(emulator)).requests).filter(([name]) => name.endsWith(' upload')),
    );
    await cloud.openapi.ocr.driverLicense({ img: { contentType: 'image/jpeg', value: fakeJpeg(64) } });
    await cloud.openapi.ocr
      .driverLicense({ type: 'photo', imgUrl: `${emulator.url}/nothing.jpg` })
      .catch(() => undefined);
  });

  afterAll(async () => {
    delete process.env.WX_API_TOKEN;
    await new Promise<void>((resolve) => {
      proxy.close(() => resolve());
      proxy.closeAllConnections();
    });
    await emulator.close();
  });

  const gatewayCalls = () => recorded.filter((r) => r.path === '/admin');
  const byAction = (action: string) =>
    gatewayCalls().filter((r) => (r.json?.action ?? r.multipart?.get('action')?.toString()) === action);

  it(`is pinned to wx-server-sdk ${sdk.version} on @cloudbase/node-sdk ${sdk.nodeSdk.version}`, () => {
    expect(require(`${sdk.package}/package.json`).version).toBe(sdk.version);
    expect(JSON.parse(fs.readFileSync(nodeSdkFile(sdk, 'package.json'), 'utf8')).version).toBe(
      sdk.nodeSdk.version,
    );
  });

  it(`sends every call as POST /admin?${sdk.envInQuery ? 'env=<env>&' : ''}seqId=…, with envName in the body, to the URL in TCB_CONTEXT_CNFG`, () => {
    expect(gatewayCalls().length).toBeGreaterThan(10);
    for (const call of gatewayCalls()) {
      expect(call.method).toBe('POST');
      expect(call.query).toMatchObject({ seqId: expect.any(String) });
      expect(call.query.env).toBe(sdk.envInQuery ? emulator.envId : undefined);
      const envName = call.json?.envName ?? call.multipart?.get('envName')?.toString();
      expect(envName).toBe(emulator.envId);
    }
  });

  it('uses exactly the actions the emulator implements', () => {
    const actions = new Set(
      gatewayCalls().map((r) => r.json?.action ?? r.multipart?.get('action')?.toString()),
    );
    expect([...actions].sort()).toEqual(
      [
        'database.addCollection',
        'database.calculateDocument',
        'database.getDocument',
        'database.insertDocument',
        'database.modifyDocument',
        'database.removeDocument',
        'storage.batchDeleteFile',
        'storage.batchGetDownloadUrl',
        'storage.getUploadMetadata',
        'wx.openApi',
      ].sort(),
    );
  });

  it('sends database calls as JSON with EJSON strings and $tcb_server_date', () => {
    const [insert] = byAction('database.insertDocument');
    expect(insert?.contentType).toMatch(/^application\/json/);
    expect(insert?.json).toMatchObject({
      collectionName: 'wire',
      envName: emulator.envId,
      data: [expect.any(String)],
    });
    const [inserted] = (insert?.json?.data ?? []) as string[];
    expect(JSON.parse(inserted ?? 'null')).toMatchObject({
      at: { $tcb_server_date: { offset: { $numberInt: '0' } } },
      n: { $numberInt: '1' },
    });
    const queries = byAction('database.getDocument').map((r) => r.json);
    expect(queries).toContainEqual(expect.objectContaining({ queryType: 'DOC', query: '{"_id":"w1"}' }));
    expect(queries).toContainEqual(
      expect.objectContaining({
        queryType: 'WHERE',
        limit: 5,
        order: expect.any(String),
        projection: expect.any(String),
      }),
    );
    const modifies = byAction('database.modifyDocument').map((r) => r.json);
    expect(modifies).toContainEqual(
      expect.objectContaining({ queryType: 'DOC', merge: true, upsert: false, multi: false }),
    );
    expect(modifies).toContainEqual(
      expect.objectContaining({ queryType: 'DOC', merge: false, upsert: true }),
    );
    expect(JSON.parse(String(modifies[0]?.data))).toEqual({ $inc: { n: { $numberInt: '1' } } });
    expect(byAction('database.removeDocument')[0]?.json).toMatchObject({ queryType: 'WHERE', multi: true });
    expect(byAction('database.calculateDocument')[0]?.json).toMatchObject({
      queryType: 'WHERE',
      query: expect.any(String),
    });
  });

  it(`uploads with getUploadMetadata then a ${sdk.upload === 'put' ? 'PUT' : 'COS POST form'} to the returned URL, and downloads from the temp URL`, () => {
    const metadata = byAction('storage.getUploadMetadata')[0]?.json;
    expect(metadata).toMatchObject({ path: 'wire/a.jpg' });
    // The emulator tells the two protocols apart by the upload's own method, not by this field.
    expect(metadata?.method).toBe(sdk.upload === 'put' ? 'put' : undefined);
    expect(downloaded).toEqual(fakeJpeg(64)); // the upload went to the returned URL, straight to the emulator
    expect(uploads).toEqual({ [`storage:${sdk.upload === 'put' ? 'PUT' : 'POST'} upload`]: 1 });
    expect(byAction('storage.batchGetDownloadUrl')[0]?.json).toMatchObject({
      file_list: [{ fileid: expect.stringMatching(/^cloud:\/\//), max_age: 60 }],
    });
    expect(byAction('storage.batchDeleteFile')[0]?.json).toMatchObject({ fileid_list: [expect.any(String)] });
  });

  it('sends wx.openApi as multipart with apiName and a protobuf CommApiData requestData', async () => {
    const [withImage, withUrl] = byAction('wx.openApi');
    expect(withImage?.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect([...(withImage?.multipart?.keys() ?? [])]).toEqual(
      expect.arrayContaining(['action', 'apiName', 'requestData', 'envName']),
    );
    expect(withImage?.multipart?.get('apiName')?.toString()).toBe('ocr.driverLicense');

    const image = decodeCommApiData(withImage!.multipart!.get('requestData')!);
    expect(image.apiType).toBe(0);
    expect(image.pairs).toEqual([{ key: 'img', value: fakeJpeg(64), filename: 'img.jpeg' }]); // no content type

    const byUrl = decodeCommApiData(withUrl!.multipart!.get('requestData')!);
    expect(byUrl.pairs.map((p) => [p.key, p.value.toString()])).toEqual([
      ['type', '"photo"'],
      ['img_url', JSON.stringify(`${emulator.url}/nothing.jpg`)],
    ]);
  });

  it("sends the invocation's WX_API_TOKEN as wxCloudApiToken with every call, and hides it from getWXContext()", () => {
    for (const call of gatewayCalls()) {
      const token = call.json?.wxCloudApiToken ?? call.multipart?.get('wxCloudApiToken')?.toString();
      expect(token).toBe(API_TOKEN);
    }
    expect(Object.values(cloud.getWXContext())).not.toContain(API_TOKEN);
  });

  it("still has the protobuf field numbers and reply rules compiled into the SDK's bundle", () => {
    const bundle = fs.readFileSync(require.resolve(sdk.package), 'utf8');
    for (const line of [
      'writer.uint32(/* id 1, wireType 2 =*/10).string(message.key)',
      'writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.value)',
      'writer.uint32(/* id 3, wireType 2 =*/26).string(message.contenttype)',
      'writer.uint32(/* id 4, wireType 2 =*/34).string(message.filename)',
      'writer.uint32(/* id 1, wireType 0 =*/8).int32(message.apiType)',
      'writer.uint32(/* id 6, wireType 2 =*/50).string(message.appid)',
      'writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.respData)',
      'writer.uint32(/* id 2, wireType 2 =*/18).string(message.contentType)',
      'writer.uint32(/* id 3, wireType 0 =*/24).int32(message.errorCode)',
      'writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.httpCode)',
      'values[valuesById[0] = "OPEN_API"] = 0',
      "'-604100': 'API not found'",
      'DATABASE_COLLECTION_NOT_EXIST: -502005',
      'process.env.WX_CONTEXT_KEYS',
    ]) {
      expect(bundle).toContain(line);
    }
    const requester = fs.readFileSync(nodeSdkFile(sdk, sdk.nodeSdk.requester), 'utf8');
    expect(requester).toContain("headers['content-type'] === 'application/json; charset=utf-8'");
    const context = fs.readFileSync(nodeSdkFile(sdk, sdk.nodeSdk.context), 'utf8');
    expect(context).toContain(sdk.nodeSdk.contextLine);
  });
});
