#!/usr/bin/env node
'use strict';
// @grpc/grpc-js (a gRPC client nobody here wrote) calling a real service host as the services configure it; runs ONE case.
//
//   node grpcjs-peer.js --target host:port --protos DIR --case NAME [--key KEY] [--service library.v1.X]
//
// DIR is the repository's protos/ (library/v1/cluster_admin.proto); grpc.health.v1 comes from ./protos beside this file.
// Prints "PASS <case>" and exits 0, or "FAIL <case>: <reason>" on stderr and exits 1 (2 on bad arguments).
//
// Cases: no_key (UNAUTHENTICATED naming x-api-key), with_key (GetClusterConfig answers), message_too_large (a 5 MB
// request is RESOURCE_EXHAUSTED), health_watch (Watch of --service starts SERVING), streaming_deadline (a Watch with a
// 1 s deadline ends DEADLINE_EXCEEDED after its first message).
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

function parseArgs(argv) {
  const args = { target: '', protos: '', case: '', key: '', service: '' };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    if (!(name in args) || i + 1 >= argv.length) throw new Error(`unknown or incomplete argument '${argv[i]}'`);
    args[name] = argv[i + 1];
  }
  if (!args.target || !args.protos || !args.case) throw new Error('--target, --protos and --case are required');
  return args;
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

function load(protos) {
  const definition = protoLoader.loadSync(['library/v1/cluster_admin.proto', 'grpc/health/v1/health.proto'], {
    includeDirs: [protos, path.join(__dirname, 'protos')], keepCase: true, enums: String, defaults: true,
  });
  return grpc.loadPackageDefinition(definition);
}

function metadata(key) {
  const m = new grpc.Metadata();
  if (key) m.set('x-api-key', key);
  return m;
}

function unary(client, method, request, md, options = {}) {
  return new Promise((resolve, reject) => client[method](request, md, options, (err, reply) => (err ? reject(err) : resolve(reply))));
}

// Resolves with the messages received and the final status of a server-streaming call.
function stream(call) {
  return new Promise((resolve) => {
    const messages = [];
    call.on('data', (m) => messages.push(m));
    call.on('error', (status) => resolve({ messages, status }));
    call.on('end', () => resolve({ messages, status: { code: grpc.status.OK } }));
  });
}

const cases = {
  async no_key({ admin }) {
    const err = await unary(admin, 'GetClusterConfig', {}, metadata('')).then(() => null, (e) => e);
    check(err && err.code === grpc.status.UNAUTHENTICATED, `expected UNAUTHENTICATED, got ${err ? err.code : 'OK'}`);
    check(/x-api-key/.test(err.details), `the message does not say where the key goes: '${err.details}'`);
  },
  async with_key({ admin, args }) {
    const reply = await unary(admin, 'GetClusterConfig', {}, metadata(args.key));
    check(Array.isArray(reply.clusters) && reply.clusters.length > 0, 'GetClusterConfig answered no clusters');
    check(reply.clusters.every((c) => c.api_key === ''), 'a cluster key came back');
  },
  async message_too_large({ args }) {
    // Field 1 of GetClusterConfigRequest (name) holding 5 MB: above the server's 4 MB default limit.
    const client = new grpc.Client(args.target, grpc.credentials.createInsecure(), { 'grpc.max_send_message_length': -1 });
    const name = Buffer.alloc(5 * 1024 * 1024, 'a');
    const body = Buffer.concat([Buffer.from([0x0a]), varint(name.length), name]);
    const err = await new Promise((resolve) => client.makeUnaryRequest('/library.v1.ClusterAdminService/GetClusterConfig',
      (b) => b, (b) => b, body, metadata(args.key), (e) => resolve(e)));
    check(err && err.code === grpc.status.RESOURCE_EXHAUSTED, `expected RESOURCE_EXHAUSTED, got ${err ? `${err.code} ${err.details}` : 'OK'}`);
  },
  async health_watch({ health, args }) {
    const call = health.Watch({ service: args.service }, metadata(''));
    const first = await new Promise((resolve, reject) => { call.once('data', resolve); call.once('error', reject); });
    call.cancel();
    check(first.status === 'SERVING', `expected SERVING first, got ${first.status}`);
  },
  async streaming_deadline({ health, args }) {
    const started = Date.now();
    const { messages, status } = await stream(health.Watch({ service: args.service }, metadata(''), { deadline: Date.now() + 1000 }));
    const elapsed = Date.now() - started;
    check(messages.length >= 1 && messages[0].status === 'SERVING', `expected SERVING before the deadline, got ${JSON.stringify(messages)}`);
    check(status.code === grpc.status.DEADLINE_EXCEEDED, `expected DEADLINE_EXCEEDED, got ${status.code} ${status.details || ''}`);
    check(elapsed >= 900 && elapsed < 10000, `the call ended after ${elapsed} ms, not at its 1 s deadline`);
  },
};

function varint(n) {
  const bytes = [];
  while (n > 0x7f) { bytes.push((n & 0x7f) | 0x80); n >>>= 7; }
  bytes.push(n);
  return Buffer.from(bytes);
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
    if (!cases[args.case]) throw new Error(`unknown case '${args.case}'; cases: ${Object.keys(cases).join(', ')}`);
  } catch (e) {
    process.stderr.write(`grpcjs-peer: ${e.message}\n`);
    process.exit(2);
  }
  const pkg = load(args.protos);
  const credentials = grpc.credentials.createInsecure();
  const context = {
    args,
    admin: new pkg.library.v1.ClusterAdminService(args.target, credentials),
    health: new pkg.grpc.health.v1.Health(args.target, credentials),
  };
  try {
    await cases[args.case](context);
    process.stdout.write(`PASS ${args.case}\n`);
    process.exit(0);
  } catch (e) {
    process.stderr.write(`FAIL ${args.case}: ${e.details || e.message}\n`);
    process.exit(1);
  }
}

main();
