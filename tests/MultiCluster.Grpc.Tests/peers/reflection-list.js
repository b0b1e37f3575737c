#!/usr/bin/env node
'use strict';
// Server-reflection peer: lists a server's services with grpc-js-reflection-client, then,
// for each service, resolves the file descriptor that defines it (with its dependencies)
// and lists the service's methods.
//
//   node reflection-list.js --target 127.0.0.1:N [--reflection_version auto|v1|v1alpha]
//        [--use_tls false] [--ca_file PEM] [--timeout_s 30]
//
// Prints one JSON document on stdout and exits 0:
//   {"reflection_version":"v1","services":[{"name":"pkg.Service","methods":["A","B"]}, ...]}
// Services and methods keep the order the server gave. On any failure (listing, or
// resolving a service's descriptor) it prints "reflection-list: <reason>" on stderr and
// exits 1. --reflection_version auto (default) asks grpc.reflection.v1 first and falls back
// to v1alpha when the server answers UNIMPLEMENTED for v1.

const fs = require('fs');
const grpc = require('@grpc/grpc-js');
const { GrpcReflection } = require('grpc-js-reflection-client');
const common = require('./interop-common');

function isUnimplemented(err) {
  // grpc-js-reflection-client wraps the grpc error: look for the code anywhere in it.
  for (let e = err, depth = 0; e && depth < 5; depth++) {
    if (e.code === grpc.status.UNIMPLEMENTED) return true;
    e = e.message && typeof e.message === 'object' ? e.message : e.cause;
  }
  return /UNIMPLEMENTED|\b12\b/.test(String(err && (err.message || err)));
}

function describe(err) {
  if (!err) return 'unknown error';
  if (err.message && typeof err.message === 'object') return describe(err.message);
  return err.details || err.message || String(err);
}

async function listWith(version, target, credentials, deadlineMs) {
  const client = new GrpcReflection(target, credentials, {}, version);
  const options = () => ({ deadline: new Date(Date.now() + deadlineMs) });
  const names = await client.listServices('*', options());
  const services = [];
  for (const name of names) {
    let methods;
    try {
      // listMethods resolves the file containing the symbol (and its imports) through
      // reflection, builds the package with proto-loader and reads the service's methods.
      methods = await client.listMethods(name, options());
    } catch (err) {
      throw new Error(`cannot resolve the descriptor of service ${name}: ${describe(err)}`);
    }
    services.push({ name, methods: methods.map((m) => m.name) });
  }
  return { reflection_version: version, services };
}

async function main() {
  const args = common.parseArgs(process.argv.slice(2));
  if (!args.target) {
    process.stderr.write('reflection-list: --target HOST:PORT is required\n');
    return 2;
  }
  const version = args.reflection_version || 'auto';
  if (!['auto', 'v1', 'v1alpha'].includes(version)) {
    process.stderr.write('reflection-list: --reflection_version must be auto, v1 or v1alpha\n');
    return 2;
  }
  const useTls = common.parseBool(args.use_tls, false);
  const credentials = useTls
    ? grpc.credentials.createSsl(args.ca_file ? fs.readFileSync(args.ca_file) : null)
    : grpc.credentials.createInsecure();
  const deadlineMs = Number(args.timeout_s || 30) * 1000;

  let result;
  if (version === 'auto') {
    try {
      result = await listWith('v1', args.target, credentials, deadlineMs);
    } catch (err) {
      if (!isUnimplemented(err)) throw err;
      result = await listWith('v1alpha', args.target, credentials, deadlineMs);
    }
  } else {
    result = await listWith(version, args.target, credentials, deadlineMs);
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return 0;
}

main().then((code) => process.exit(code), (err) => {
  process.stderr.write(`reflection-list: ${describe(err)}\n`);
  process.exit(1);
});
