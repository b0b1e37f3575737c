#!/usr/bin/env node
'use strict';
// grpc-js implementation of the gRPC interop server (grpc.testing.TestService), per the
// public interop test description (grpc/grpc doc/interop-test-descriptions.md).
//
//   node interop-server.js --port N [--host 127.0.0.1] [--use_tls false]
//                          [--tls_cert_file PEM --tls_key_file PEM] [--reflection false]
//
// --port 0 picks a free port. When ready it prints exactly one line "listening <port>" on
// stdout; diagnostics go to stderr (INTEROP_SERVER_TRACE=1 logs, per call, the request's
// grpc-encoding and the compressed flag of each request message). Exits 0 on SIGTERM / SIGINT.
//
// Server features: EmptyCall, UnaryCall, StreamingOutputCall, StreamingInputCall,
// FullDuplexCall, HalfDuplexCall, Echo Status, Echo Metadata, ResponseParameters.interval_us,
// CompressedRequest (expect_compressed). UnimplementedCall is deliberately left out, so
// grpc-js itself answers UNIMPLEMENTED; grpc.testing.UnimplementedService is not registered.
//
// What grpc-js (1.14) cannot do, and what this server does about it:
// - CompressedResponse: grpc-js servers never compress responses (the compressed flag of
//   every response message is 0; see its server-interceptors.js). response_compressed and
//   ResponseParameters.compressed are therefore accepted and ignored: payload sizes are
//   right, the compressed flag is not set. Clients that check the flag must be told
//   (interop-client.js: --verify_compressed_flag false) when pointed at this server.
// - CompressedRequest: grpc-js strips grpc-encoding from the metadata a handler sees and
//   does not expose the per-message compressed flag. To still check expect_compressed per
//   message, this file taps the HTTP/2 server that grpc-js creates (Node's public http2 API,
//   observe only): for each stream it records the request's grpc-encoding and the
//   compressed-flag byte of every gRPC message frame, in arrival order, and hands the
//   handler a key to them through an extra request header (x-interop-tap-id). grpc-js still
//   does all the gRPC work; the tap never changes a byte.

const http2 = require('http2');
const fs = require('fs');
const { once } = require('events');
const common = require('./interop-common');

const { grpc } = common;

// ---------------------------------------------------------------------------------------
// Request-compression tap (see header comment). Installed before grpc-js binds, so the
// http2 servers grpc-js creates get it.
const TAP_HEADER = 'x-interop-tap-id';
const taps = new Map();
let nextTapId = 1;

function tapStream(stream, headers) {
  const id = String(nextTapId++);
  const tap = { encoding: headers['grpc-encoding'] || 'identity', flags: [] };
  taps.set(id, tap);
  headers[TAP_HEADER] = id;
  // gRPC message framing: 1 byte compressed flag, 4 bytes big-endian length, body.
  const prefix = Buffer.alloc(5);
  let prefixFill = 0;
  let bodyLeft = 0;
  stream.on('data', (chunk) => {
    let offset = 0;
    while (offset < chunk.length) {
      if (bodyLeft > 0) {
        const take = Math.min(bodyLeft, chunk.length - offset);
        bodyLeft -= take;
        offset += take;
        continue;
      }
      prefix[prefixFill++] = chunk[offset++];
      if (prefixFill === 5) {
        tap.flags.push(prefix[0]);
        bodyLeft = prefix.readUInt32BE(1);
        prefixFill = 0;
      }
    }
  });
  stream.once('close', () => {
    taps.delete(id);
    if (process.env.INTEROP_SERVER_TRACE) {
      process.stderr.write(`interop-server: ${headers[':path']} grpc-encoding=${tap.encoding} message flags=[${tap.flags.join(',')}]\n`);
    }
  });
}

for (const factory of ['createServer', 'createSecureServer']) {
  const original = http2[factory];
  http2[factory] = function tappedFactory(...args) {
    const server = original.apply(this, args);
    server.on('stream', tapStream);
    return server;
  };
}

/**
 * Whether request message number `index` of this call arrived compressed: true/false, or
 * null when the tap saw nothing (then the check is skipped, with a note on stderr).
 */
function messageWasCompressed(call, index) {
  const ids = call.metadata.get(TAP_HEADER);
  const tap = ids.length > 0 ? taps.get(String(ids[0])) : undefined;
  if (!tap || tap.flags[index] === undefined) {
    process.stderr.write(`interop-server: no compression information for message ${index} of ${call.getPath ? call.getPath() : 'call'}\n`);
    return null;
  }
  return tap.flags[index] === 1;
}

// ---------------------------------------------------------------------------------------
// Service implementation.

const ECHO_INITIAL = 'x-grpc-test-echo-initial';
const ECHO_TRAILING = 'x-grpc-test-echo-trailing-bin';

/** Sends x-grpc-test-echo-initial back as initial metadata when the client sent it. */
function echoInitial(call) {
  const values = call.metadata.get(ECHO_INITIAL);
  if (values.length > 0) {
    const md = new grpc.Metadata();
    md.set(ECHO_INITIAL, values[0]);
    call.sendMetadata(md);
  }
}

/** Trailing metadata for the end of the call: x-grpc-test-echo-trailing-bin echoed back. */
function echoTrailing(call) {
  const md = new grpc.Metadata();
  const values = call.metadata.get(ECHO_TRAILING);
  if (values.length > 0) {
    md.set(ECHO_TRAILING, values[0]);
  }
  return md;
}

/** The status error asked for by response_status, or null when none (or OK) was asked. */
function requestedStatus(request, trailer) {
  const status = request.response_status;
  if (!status || !status.code) return null;
  return { code: status.code, details: status.message || '', metadata: trailer };
}

function compressionError(request, call, index, trailer) {
  if (!request.expect_compressed || !request.expect_compressed.value) return null;
  const compressed = messageWasCompressed(call, index);
  if (compressed === false) {
    return {
      code: grpc.status.INVALID_ARGUMENT,
      details: 'Expected compressed request, but the message arrived uncompressed',
      metadata: trailer,
    };
  }
  return null;
}

function payload(size) {
  return { type: 'COMPRESSABLE', body: common.zeros(size || 0) };
}

function checkResponseType(request, trailer) {
  if (request.response_type && request.response_type !== 'COMPRESSABLE') {
    return { code: grpc.status.INVALID_ARGUMENT, details: `Unsupported response_type ${request.response_type}`, metadata: trailer };
  }
  return null;
}

/** Writes one response per ResponseParameters, observing interval_us and backpressure. */
async function writeResponses(call, request, state) {
  for (const params of request.response_parameters || []) {
    if (state.done) return;
    if (params.interval_us) {
      await common.sleep(params.interval_us / 1000);
      if (state.done) return;
    }
    // params.compressed cannot be honoured: grpc-js servers do not compress (see header).
    if (!call.write({ payload: payload(params.size) })) {
      await Promise.race([once(call, 'drain'), state.closed]);
    }
  }
}

function newState(call) {
  const state = { done: false };
  state.closed = new Promise((resolve) => {
    call.on('cancelled', () => {
      state.done = true;
      resolve();
    });
  });
  return state;
}

function failStream(call, state, error) {
  if (state.done) return;
  state.done = true;
  call.emit('error', error);
}

const handlers = {
  EmptyCall(call, callback) {
    echoInitial(call);
    callback(null, {}, echoTrailing(call));
  },

  UnaryCall(call, callback) {
    echoInitial(call);
    const trailer = echoTrailing(call);
    const request = call.request;
    const error = compressionError(request, call, 0, trailer)
      || requestedStatus(request, trailer)
      || checkResponseType(request, trailer);
    if (error) {
      callback(error);
      return;
    }
    // response_compressed cannot be honoured: grpc-js servers do not compress (see header).
    const response = { payload: payload(request.response_size) };
    if (request.fill_server_id) response.server_id = `grpc-js-interop-${process.pid}`;
    callback(null, response, trailer);
  },

  StreamingOutputCall(call) {
    echoInitial(call);
    const trailer = echoTrailing(call);
    const state = newState(call);
    const request = call.request;
    const badType = checkResponseType(request, trailer);
    if (badType) {
      failStream(call, state, badType);
      return;
    }
    writeResponses(call, request, state).then(() => {
      if (state.done) return;
      const status = requestedStatus(request, trailer);
      if (status) {
        failStream(call, state, status);
        return;
      }
      state.done = true;
      call.end(trailer);
    }, (err) => failStream(call, state, { code: grpc.status.INTERNAL, details: String(err), metadata: trailer }));
  },

  StreamingInputCall(call, callback) {
    echoInitial(call);
    const trailer = echoTrailing(call);
    let index = 0;
    let total = 0;
    let finished = false;
    const finish = (err, value) => {
      if (finished) return;
      finished = true;
      if (err) callback(err);
      else callback(null, value, trailer);
    };
    call.on('data', (request) => {
      if (finished) return;
      const error = compressionError(request, call, index++, trailer);
      if (error) {
        finish(error);
        return;
      }
      total += request.payload && request.payload.body ? request.payload.body.length : 0;
    });
    call.on('end', () => finish(null, { aggregated_payload_size: total }));
    call.on('cancelled', () => { finished = true; });
  },

  FullDuplexCall(call) {
    echoInitial(call);
    const trailer = echoTrailing(call);
    const state = newState(call);
    // One request is answered completely before the next is looked at.
    let chain = Promise.resolve();
    const enqueue = (step) => {
      chain = chain.then(step).catch((err) => failStream(call, state, { code: grpc.status.INTERNAL, details: String(err), metadata: trailer }));
    };
    call.on('data', (request) => enqueue(async () => {
      if (state.done) return;
      const error = requestedStatus(request, trailer) || checkResponseType(request, trailer);
      if (error) {
        failStream(call, state, error);
        return;
      }
      await writeResponses(call, request, state);
    }));
    call.on('end', () => enqueue(() => {
      if (state.done) return;
      state.done = true;
      call.end(trailer);
    }));
  },

  HalfDuplexCall(call) {
    echoInitial(call);
    const trailer = echoTrailing(call);
    const state = newState(call);
    const requests = [];
    call.on('data', (request) => requests.push(request));
    call.on('end', async () => {
      try {
        for (const request of requests) {
          if (state.done) return;
          const error = requestedStatus(request, trailer) || checkResponseType(request, trailer);
          if (error) {
            failStream(call, state, error);
            return;
          }
          await writeResponses(call, request, state);
        }
        if (state.done) return;
        state.done = true;
        call.end(trailer);
      } catch (err) {
        failStream(call, state, { code: grpc.status.INTERNAL, details: String(err), metadata: trailer });
      }
    });
  },
  // UnimplementedCall: intentionally absent, grpc-js answers UNIMPLEMENTED.
};

// ---------------------------------------------------------------------------------------

function main() {
  const args = common.parseArgs(process.argv.slice(2));
  const port = Number(args.port ?? 0);
  const host = args.host || '127.0.0.1';
  const useTls = common.parseBool(args.use_tls, false);
  const withReflection = common.parseBool(args.reflection, false);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`bad --port "${args.port}"`);
  }

  const { packageDefinition, testing } = common.loadTestProtos();
  const server = new grpc.Server({
    // The interop cases send and receive ~314 KB messages; allow up to 16 MiB.
    'grpc.max_receive_message_length': 16 * 1024 * 1024,
    'grpc.max_send_message_length': 16 * 1024 * 1024,
  });
  // grpc-js warns about (and answers UNIMPLEMENTED for) the missing UnimplementedCall.
  server.addService(testing.TestService.service, handlers);
  if (withReflection) {
    const { ReflectionService } = require('@grpc/reflection');
    new ReflectionService(packageDefinition).addToServer(server);
  }

  let credentials;
  if (useTls) {
    if (!args.tls_cert_file || !args.tls_key_file) {
      throw new Error('--use_tls true needs --tls_cert_file and --tls_key_file');
    }
    credentials = grpc.ServerCredentials.createSsl(null, [{
      cert_chain: fs.readFileSync(args.tls_cert_file),
      private_key: fs.readFileSync(args.tls_key_file),
    }], false);
  } else {
    credentials = grpc.ServerCredentials.createInsecure();
  }

  const address = host.includes(':') && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`;
  server.bindAsync(address, credentials, (err, boundPort) => {
    if (err) {
      process.stderr.write(`interop-server: bind ${address} failed: ${err.message}\n`);
      process.exit(1);
    }
    process.stdout.write(`listening ${boundPort}\n`);
  });

  const stop = () => {
    server.forceShutdown();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

try {
  main();
} catch (err) {
  process.stderr.write(`interop-server: ${err.message}\n`);
  process.exit(2);
}
