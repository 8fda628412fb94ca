import protobuf from 'protobufjs';

/**
 * The protobuf messages wx-server-sdk 4.0.2 exchanges with the gateway for `wx.openApi`, as
 * compiled into node_modules/wx-server-sdk/index.js (module "./src/protobuf/openapi.js").
 * Field names and numbers are pinned by test/integration/emulator/wireContract.test.ts.
 */
const root = protobuf.Root.fromJSON({
  nested: {
    KeyValuePair: {
      fields: {
        key: { type: 'string', id: 1 },
        value: { type: 'bytes', id: 2 },
        // Lower-case in the schema; the SDK sets `contentType`, so this never arrives (hence sniffing).
        contenttype: { type: 'string', id: 3 },
        filename: { type: 'string', id: 4 },
      },
    },
    OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
    CommApiData: {
      fields: {
        apiType: { type: 'int32', id: 1 },
        openapiData: { type: 'OpenApiData', id: 2 },
        appid: { type: 'string', id: 6 },
      },
    },
    HttpHeader: { fields: { key: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
    CommOpenApiResp: {
      fields: {
        respData: { type: 'bytes', id: 1 },
        contentType: { type: 'string', id: 2 },
        errorCode: { type: 'int32', id: 3 },
        httpCode: { type: 'uint32', id: 4 },
        headers: { rule: 'repeated', type: 'HttpHeader', id: 5 },
        svrkitErrorCode: { type: 'int32', id: 6 },
      },
    },
  },
});

const CommApiData = root.lookupType('CommApiData');
const CommOpenApiResp = root.lookupType('CommOpenApiResp');

/** CommApiData.ApiType.OPEN_API: the only kind `cloud.openapi.*` sends. */
export const API_TYPE_OPEN_API = 0;

export interface OpenApiPair {
  key: string;
  value: Buffer;
  filename?: string;
}

export interface DecodedApiData {
  apiType: number;
  appid: string;
  pairs: OpenApiPair[];
}

/** Decodes `requestData`; throws (protobufjs error) on bytes that are not a CommApiData. */
export function decodeCommApiData(bytes: Buffer): DecodedApiData {
  const message = CommApiData.toObject(CommApiData.decode(bytes), { defaults: true }) as {
    apiType: number;
    appid: string;
    openapiData?: { pairs?: { key: string; value: Uint8Array; filename?: string }[] };
  };
  const pairs = (message.openapiData?.pairs ?? []).map((pair) => ({
    key: pair.key,
    value: Buffer.from(pair.value),
    ...(pair.filename ? { filename: pair.filename } : {}),
  }));
  return { apiType: message.apiType, appid: message.appid, pairs };
}

/** Encodes a CommApiData as the SDK does (tests and tools build requests with it). */
export function encodeCommApiData(data: { apiType: number; appid?: string; pairs: OpenApiPair[] }): Buffer {
  const message = CommApiData.fromObject({
    apiType: data.apiType,
    appid: data.appid ?? '',
    openapiData: { pairs: data.pairs },
  });
  return Buffer.from(CommApiData.encode(message).finish());
}

export interface OpenApiResponse {
  respData?: Buffer;
  contentType?: string;
  errorCode?: number;
  httpCode?: number;
}

export function encodeCommOpenApiResp(response: OpenApiResponse): Buffer {
  return Buffer.from(CommOpenApiResp.encode(CommOpenApiResp.fromObject(response)).finish());
}

export function decodeCommOpenApiResp(bytes: Buffer): OpenApiResponse {
  return CommOpenApiResp.toObject(CommOpenApiResp.decode(bytes), { defaults: true }) as OpenApiResponse;
}
