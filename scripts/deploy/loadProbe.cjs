'use strict';
/**
 * Loads a built cloud function the way the cloud would, in a fresh process started by
 * probeBundle.ts: `node loadProbe.cjs <functionDir> <resultFile>`.
 * - Modules may resolve only inside the function folder (or be Node built-ins): the repository's
 *   node_modules, which holds wx-server-sdk, does not exist in the cloud.
 * - Network is blocked and recorded: loading a function must not connect anywhere.
 * Writes `{ loaded, mainType, error, network, outside, asyncErrors }` as JSON to <resultFile>;
 * `outside` lists the modules that could not be resolved inside the folder.
 */
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const net = require('node:net');
const dns = require('node:dns');

const functionDir = fs.realpathSync(path.resolve(process.argv[2]));
const resultFile = process.argv[3];
const network = [];
const outside = [];
const asyncErrors = [];

function networkError(what) {
  network.push(what);
  const error = new Error(`network is blocked while loading a cloud function (${what})`);
  error.code = 'ECONNREFUSED';
  return error;
}

net.Socket.prototype.connect = function connect(...args) {
  const first = args[0];
  let target;
  if (Array.isArray(first))
    target = String(first[0] && (first[0].path || `${first[0].host}:${first[0].port}`));
  else if (first && typeof first === 'object')
    target = first.path || `${first.host || 'localhost'}:${first.port}`;
  else target = typeof args[1] === 'string' ? `${args[1]}:${first}` : `localhost:${first}`;
  const error = networkError(`connect ${target}`);
  process.nextTick(() => this.destroy(error));
  return this;
};
dns.lookup = function lookup(hostname, options, callback) {
  const done = typeof options === 'function' ? options : callback;
  const error = networkError(`dns ${hostname}`);
  process.nextTick(() => done(error));
  return {};
};
dns.promises.lookup = async (hostname) => {
  throw networkError(`dns ${hostname}`);
};

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveInsideFunction(request, parent, ...rest) {
  let resolved;
  try {
    resolved = resolveFilename.call(this, request, parent, ...rest);
  } catch (error) {
    outside.push(request);
    throw error;
  }
  if (Module.isBuiltin(resolved)) return resolved;
  const relative = path.relative(functionDir, resolved);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    outside.push(request);
    const error = new Error(
      `Cannot find module '${request}': it resolves to ${resolved}, outside the function folder, so it would not exist in the cloud`,
    );
    error.code = 'MODULE_NOT_FOUND';
    throw error;
  }
  return resolved;
};

process.on('unhandledRejection', (reason) => asyncErrors.push(`unhandled rejection: ${describe(reason)}`));
process.on('uncaughtException', (error) => asyncErrors.push(`uncaught exception: ${describe(error)}`));

function describe(error) {
  return error instanceof Error ? error.message : String(error);
}

function finish(result) {
  fs.writeFileSync(resultFile, JSON.stringify({ ...result, network, outside, asyncErrors }));
  // The bundle may hold timers or sockets open; the probe's verdict is written, so leave now.
  process.exit(0);
}

let loaded;
try {
  loaded = require(path.join(functionDir, 'index.js'));
} catch (error) {
  finish({ loaded: false, mainType: 'undefined', error: describe(error) });
}
const mainType = loaded && typeof loaded.main;
// Give work the bundle started at load time (a connect, a lookup) a moment to show itself.
setImmediate(() => setTimeout(() => finish({ loaded: true, mainType, error: null }), 100));
