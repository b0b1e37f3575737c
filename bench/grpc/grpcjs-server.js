#!/usr/bin/env node
'use strict';
// The @grpc/grpc-js peer of bench/grpc/run.sh: serves bench.v1.EchoService/Echo (protos/bench.proto,
// loaded with @grpc/proto-loader) over h2c on 127.0.0.1, answering with the request's payload,
// exactly as GrpcBench's BenchEchoService does.
//
//   node grpcjs-server.js [--port N]      (0, the default, picks a free port)
//
// When bound it prints one line "listening <port>" on stdout. Exits 0 on SIGTERM / SIGINT.
// Node resolves @grpc/* from the repository's node_modules (npm ci at the repository root).

const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const portArg = process.argv.indexOf('--port');
const port = portArg >= 0 ? Number(process.argv[portArg + 1]) : 0;

const definition = protoLoader.loadSync(path.join(__dirname, 'protos', 'bench.proto'), {
  keepCase: true,
  defaults: false,
});
const bench = grpc.loadPackageDefinition(definition).bench.v1;

const server = new grpc.Server();
server.addService(bench.EchoService.service, {
  Echo(call, callback) {
    callback(null, { payload: call.request.payload });
  },
});

server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (err, bound) => {
  if (err) {
    process.stderr.write(`grpcjs-server: bind failed: ${err.message}\n`);
    process.exit(1);
  }
  process.stdout.write(`listening ${bound}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.tryShutdown(() => process.exit(0)));
}
