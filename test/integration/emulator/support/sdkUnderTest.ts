import path from 'node:path';

/**
 * The wx-server-sdk majors the emulator's contract suite runs against, each pinned exactly in
 * devDependencies (4.x as `wx-server-sdk`, the others as npm aliases). Where an SDK itself differs
 * (how it uploads, which query it sends, how it reports an error) the profile says so; the
 * emulator answers all of them the same.
 */
export interface SdkProfile {
  /** The package name to require. */
  package: string;
  version: string;
  /** The @cloudbase/node-sdk it bundles, and which of its files hold the lines pinned below. */
  nodeSdk: { version: string; requester: string; context: string; contextLine: string };
  /** 4.x PUTs the bytes to the upload URL (and says so with method 'put'); 2.x and 3.x POST a COS form. */
  upload: 'put' | 'form';
  /** 4.x names the env in the query string (`?env=`); 2.x and 3.x only in the body (`envName`). */
  envInQuery: boolean;
  /** What each SDK makes of the same gateway answers (rejection fields). */
  rejects: {
    collectionExists: Record<string, unknown>;
    downloadMissing: Record<string, unknown>;
    /** 2.x and 3.x read `data.url` of the refusal without checking it: a TypeError, not the code. */
    badCloudPath: Record<string, unknown>;
  };
}

const V4: SdkProfile = {
  package: 'wx-server-sdk',
  version: '4.0.2',
  nodeSdk: {
    version: '3.17.2',
    requester: 'dist/utils/tcbapirequester.js',
    context: 'dist/utils/tcbcontext.js',
    contextLine: 'return tcbContextConfig.URL',
  },
  upload: 'put',
  envInQuery: true,
  rejects: {
    collectionExists: { code: 'DATABASE_COLLECTION_ALREADY_EXIST' },
    downloadMissing: { code: 'STORAGE_FILE_NONEXIST' },
    badCloudPath: { code: 'INVALID_PARAM' },
  },
};

const OLDER_REJECTS: SdkProfile['rejects'] = {
  collectionExists: { errCode: -501001 },
  downloadMissing: { errCode: -503003 },
  badCloudPath: { errCode: -1, errMsg: expect.stringContaining("reading 'url'") },
};

const OLDER_NODE_SDK = {
  requester: 'lib/utils/requestHook.js',
  context: 'lib/utils/utils.js',
  contextLine: 'TCB_CONTEXT_CNFG',
};

export const SDK_PROFILES: Record<string, SdkProfile> = {
  'wx-server-sdk': V4,
  'wx-server-sdk-3': {
    package: 'wx-server-sdk-3',
    version: '3.0.4',
    nodeSdk: { version: '2.10.0', ...OLDER_NODE_SDK },
    upload: 'form',
    envInQuery: false,
    rejects: OLDER_REJECTS,
  },
  'wx-server-sdk-2': {
    package: 'wx-server-sdk-2',
    version: '2.6.3',
    nodeSdk: { version: '2.9.1', ...OLDER_NODE_SDK },
    upload: 'form',
    envInQuery: false,
    rejects: OLDER_REJECTS,
  },
};

/** The SDK of this run: a jest project sets the CONTRACT_SDK global; default 4.x. */
export function sdkUnderTest(): SdkProfile {
  const name = (globalThis as { CONTRACT_SDK?: string }).CONTRACT_SDK ?? 'wx-server-sdk';
  const profile = SDK_PROFILES[name];
  if (!profile) throw new Error(`no contract profile for ${name}`);
  return profile;
}

/** A file of the @cloudbase/node-sdk that this SDK itself resolves (each major has its own). */
export function nodeSdkFile(profile: SdkProfile, file: string): string {
  const sdkDir = path.dirname(require.resolve(`${profile.package}/package.json`));
  const nodeSdkDir = path.dirname(require.resolve('@cloudbase/node-sdk/package.json', { paths: [sdkDir] }));
  return path.join(nodeSdkDir, file);
}
