#!/usr/bin/env node
'use strict';
// Sample-call check of bench/grpc/run.sh: one bench.v1.EchoService/Echo call through @grpc/grpc-js
// (a client nobody here wrote) against a server under test. It passes only when the call ends with
// grpc-status 0 (OK) and the response carries the 1 KB payload that was sent, byte for byte.
//
//   node check-client.js --port N [--size 1024] [--key KEY]   (KEY goes in x-api-key)
//
// Prints "check ok port=<N> grpc-status=0 payload=<bytes>" and exits 0, or explains and exits 1.

const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const port = Number(arg('port'));
const size = Number(arg('size', '1024'));
const metadata = new grpc.Metadata();
if (arg('key')) metadata.set('x-api-key', arg('key'));
const definition = protoLoader.loadSync(path.join(__dirname, 'protos', 'bench.proto'), { keepCase: true, defaults: false });
const bench = grpc.loadPackageDefinition(definition).bench.v1;
const client = new bench.EchoService(`127.0.0.1:${port}`, grpc.credentials.createInsecure());

// The same bytes as the h2load request body (GrpcBench body): byte i is (i * 31 + 7) mod 256.
const payload = Buffer.alloc(size);
for (let i = 0; i < size; i++) payload[i] = (i * 31 + 7) & 0xff;

client.Echo({ payload }, metadata, { deadline: Date.now() + 10000 }, (err, response) => {
  client.close();
  if (err) {
    process.stderr.write(`check FAILED port=${port}: grpc-status=${err.code} ${err.details}\n`);
    process.exit(1);
  }
  const got = response.payload || Buffer.alloc(0);
  if (!payload.equals(got)) {
    process.stderr.write(`check FAILED port=${port}: grpc-status=0 but the payload differs (${got.length} bytes back, ${size} sent)\n`);
    process.exit(1);
  }
  process.stdout.write(`check ok port=${port} grpc-status=0 payload=${got.length}\n`);
});
