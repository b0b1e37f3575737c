#!/usr/bin/env node
'use strict';
// Lists a server's services and their methods through server reflection, with grpc-js-reflection-client
// (a reflection client nobody here wrote).
//
//   node reflection-list.js --target host:port [--version v1|v1alpha]
//
// Prints {"services":[{"name":"pkg.Service","methods":["A","B"]}]} on stdout and exits 0;
// on any failure prints "reflection-list: <reason>" on stderr and exits 1.

const grpc = require('@grpc/grpc-js');
const { GrpcReflection } = require('grpc-js-reflection-client');

function parseArgs(argv) {
  const args = { target: '', version: 'v1' };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in args) || i + 1 >= argv.length) {
      throw new Error(`unknown or incomplete argument '${argv[i]}'; usage: --target host:port [--version v1|v1alpha]`);
    }
    args[key] = argv[i + 1];
  }
  if (!args.target) {
    throw new Error('--target host:port is required');
  }
  return args;
}

function describe(err) {
  // The client wraps grpc errors; show the innermost message.
  let e = err;
  while (e && typeof e.message === 'object' && e.message) e = e.message;
  return e && (e.details || e.message) ? (e.details || e.message) : String(e);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const client = new GrpcReflection(args.target, grpc.credentials.createInsecure(), {}, args.version);
  const services = [];
  for (const name of await client.listServices()) {
    const methods = await client.listMethods(name);
    services.push({ name, methods: methods.map((m) => m.name) });
  }
  process.stdout.write(JSON.stringify({ services }) + '\n');
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`reflection-list: ${describe(err)}\n`);
    process.exit(1);
  },
);
