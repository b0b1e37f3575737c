'use strict';
// Shared helpers of the Node interop peers (interop-client.js, interop-server.js):
// command-line parsing, loading the grpc.testing protos with @grpc/proto-loader,
// and small utilities. Node resolves @grpc/* from the repository's node_modules.

const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const PROTO_ROOT = path.join(__dirname, 'protos');
const TEST_PROTO = 'grpc/testing/test.proto';

// Options shared by every peer: snake_case field names as in the .proto, enums as
// strings, no defaults filled in (so an absent BoolValue stays absent), bytes as Buffer.
const LOADER_OPTIONS = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: false,
  oneofs: true,
  includeDirs: [PROTO_ROOT],
};

/** Loads the grpc.testing package: { packageDefinition, testing } (testing = grpc.testing namespace). */
function loadTestProtos() {
  const packageDefinition = protoLoader.loadSync(TEST_PROTO, LOADER_OPTIONS);
  const loaded = grpc.loadPackageDefinition(packageDefinition);
  return { packageDefinition, testing: loaded.grpc.testing };
}

/**
 * Parses `--name value` and `--name=value` arguments into an object. A flag with no
 * value (followed by another --flag or nothing) is "true".
 */
function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      throw new Error(`unexpected argument "${arg}"`);
    }
    const eq = arg.indexOf('=');
    if (eq >= 0) {
      out[arg.slice(2, eq)] = arg.slice(eq + 1);
    } else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
      out[arg.slice(2)] = argv[++i];
    } else {
      out[arg.slice(2)] = 'true';
    }
  }
  return out;
}

/** "true"/"1"/"yes" -> true, "false"/"0"/"no"/undefined -> fallback. */
function parseBool(value, fallback) {
  if (value === undefined || value === null || value === '') return fallback;
  const v = String(value).toLowerCase();
  if (v === 'true' || v === '1' || v === 'yes') return true;
  if (v === 'false' || v === '0' || v === 'no') return false;
  throw new Error(`not a boolean: "${value}"`);
}

function zeros(n) {
  return Buffer.alloc(n);
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Name of a numeric gRPC status code, for messages. */
function statusName(code) {
  for (const [name, value] of Object.entries(grpc.status)) {
    if (value === code) return name;
  }
  return String(code);
}

module.exports = {
  grpc,
  PROTO_ROOT,
  TEST_PROTO,
  LOADER_OPTIONS,
  loadTestProtos,
  parseArgs,
  parseBool,
  zeros,
  sleep,
  statusName,
};
