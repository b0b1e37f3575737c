#!/usr/bin/env node
'use strict';
// grpc-js implementation of the gRPC interop client, per the public interop test
// description (grpc/grpc doc/interop-test-descriptions.md). Runs ONE named case.
//
//   node interop-client.js --server_host 127.0.0.1 --server_port N --test_case NAME
//        [--use_tls false] [--use_test_ca false --ca_file PEM] [--server_host_override NAME]
//        [--verify_compressed_flag true] [--timeout_s 60]
//
// Exit 0 and one line "PASS <case>" on stdout when the case passes; exit 1 and
// "FAIL <case>: <reason>" on stderr when it fails; exit 2 on bad arguments or timeout.
//
// Cases: empty_unary large_unary client_streaming server_streaming ping_pong empty_stream
// timeout_on_sleeping_server cancel_after_begin cancel_after_first_response custom_metadata
// status_code_and_message special_status_message unimplemented_method unimplemented_service
// client_compressed_unary client_compressed_streaming server_compressed_unary
// server_compressed_streaming.
//
// Compression with grpc-js 1.14:
// - Client compression: grpc-js compresses every message of a channel created with
//   'grpc.default_compression_algorithm' (2 = gzip) and leaves out one message written with
//   the NoCompress write flag (2) on a stream; unary calls cannot carry write flags, so the
//   uncompressed unary calls go through a second channel without compression.
// - Server compression: grpc-js hides the per-message compressed flag from applications.
//   The server_compressed_* cases therefore make the calls through grpc-js (sizes, status)
//   and then repeat them once over a plain HTTP/2 connection (Node's http2 module, gRPC
//   framing by hand) to read each response message's compressed flag. With
//   --verify_compressed_flag false the flags are only reported on stderr, not asserted:
//   use that against a server that cannot compress (interop-server.js, grpc-js).

const http2 = require('http2');
const fs = require('fs');
const net = require('net');
const zlib = require('zlib');
const common = require('./interop-common');

const { grpc } = common;
const Status = grpc.status;

const ECHO_INITIAL = 'x-grpc-test-echo-initial';
const ECHO_INITIAL_VALUE = 'test_initial_metadata_value';
const ECHO_TRAILING = 'x-grpc-test-echo-trailing-bin';
const ECHO_TRAILING_VALUE = Buffer.from([0xab, 0xab, 0xab]);
const SPECIAL_STATUS_MESSAGE = '\t\ntest with whitespace\r\nand Unicode BMP \u263A and non-BMP \uD83D\uDE08\t\n';
const NO_COMPRESS = 2; // grpc-js WriteFlags.NoCompress
const GZIP = 2; // grpc-js compression algorithm id for gzip

class CaseFailure extends Error {}

function check(condition, message) {
  if (!condition) throw new CaseFailure(message);
}

function describeError(err) {
  if (!err) return 'no error';
  return `${common.statusName(err.code)} (${err.code}) "${err.details}"`;
}

function checkZeros(body, size, what) {
  check(body !== undefined && body !== null, `${what}: response has no payload body`);
  check(body.length === size, `${what}: payload body is ${body.length} bytes, expected ${size}`);
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== 0) throw new CaseFailure(`${what}: payload body byte ${i} is ${body[i]}, expected 0`);
  }
}

function bodyOf(message) {
  return message && message.payload && message.payload.body ? message.payload.body : Buffer.alloc(0);
}

// ---------------------------------------------------------------------------------------
// Call helpers: each resolves once the call's status is known, never rejects for a gRPC
// status (the case decides), and collects initial metadata, messages and trailers.

function unary(client, method, request, { metadata, deadline } = {}) {
  return new Promise((resolve) => {
    const result = { error: null, response: null, headers: null, status: null };
    let pending = 2;
    const done = () => { if (--pending === 0) resolve(result); };
    const options = deadline ? { deadline } : {};
    const call = client[method](request, metadata || new grpc.Metadata(), options, (err, response) => {
      result.error = err || null;
      result.response = response || null;
      done();
    });
    call.on('metadata', (md) => { result.headers = md; });
    call.on('status', (status) => { result.status = status; done(); });
  });
}

/** Wraps a streaming call: messages are queued; next() waits for the next one (null at end). */
function streaming(call) {
  const state = { messages: [], headers: null, status: null, error: null, waiters: [] };
  const wake = () => {
    const waiters = state.waiters;
    state.waiters = [];
    waiters.forEach((w) => w());
  };
  call.on('metadata', (md) => { state.headers = md; });
  call.on('data', (m) => { state.messages.push(m); wake(); });
  call.on('error', (err) => { state.error = err; wake(); });
  call.on('status', (status) => { state.status = status; wake(); });
  let read = 0;
  return {
    call,
    state,
    /** The next response message, or null once the call has ended without one. */
    async next() {
      for (;;) {
        if (read < state.messages.length) return state.messages[read++];
        if (state.status) return null;
        await new Promise((resolve) => state.waiters.push(resolve));
      }
    },
    /** Waits for the final status; returns { status, messages }. */
    async finish() {
      while (!state.status) {
        await new Promise((resolve) => state.waiters.push(resolve));
      }
      return { status: state.status, messages: state.messages };
    },
  };
}

function expectOk(result, what) {
  if (result.error) throw new CaseFailure(`${what}: call failed with ${describeError(result.error)}`);
  check(result.status && result.status.code === Status.OK, `${what}: status ${result.status && describeError(result.status)}`);
}

function expectStatus(status, code, what, details) {
  check(status, `${what}: no status`);
  check(status.code === code,
    `${what}: expected ${common.statusName(code)} (${code}), got ${describeError(status)}`);
  if (details !== undefined) {
    check(status.details === details,
      `${what}: expected status message ${JSON.stringify(details)}, got ${JSON.stringify(status.details)}`);
  }
}

function largeRequest(extra) {
  return { response_size: 314159, payload: { body: common.zeros(271828) }, ...extra };
}

// ---------------------------------------------------------------------------------------
// Raw HTTP/2 call, used only to read the compressed flag of response messages.

function rawCall(ctx, method, requestObject) {
  const definition = ctx.testing.TestService.service[method];
  const body = definition.requestSerialize(requestObject);
  const frame = Buffer.alloc(5 + body.length);
  frame.writeUInt8(0, 0);
  frame.writeUInt32BE(body.length, 1);
  body.copy(frame, 5);
  const scheme = ctx.useTls ? 'https' : 'http';
  const authority = `${ctx.authorityHost}:${ctx.port}`;
  const connectOptions = {};
  if (ctx.useTls) {
    const serverName = ctx.hostOverride || ctx.host;
    if (!net.isIP(serverName)) connectOptions.servername = serverName;
    if (ctx.caPem) connectOptions.ca = ctx.caPem;
    connectOptions.ALPNProtocols = ['h2'];
  }
  return new Promise((resolve, reject) => {
    const session = http2.connect(`${scheme}://${formatHost(ctx.host)}:${ctx.port}`, connectOptions);
    session.on('error', reject);
    const req = session.request({
      ':method': 'POST',
      ':scheme': scheme,
      ':authority': authority,
      ':path': definition.path,
      'content-type': 'application/grpc',
      te: 'trailers',
      'grpc-accept-encoding': 'identity,deflate,gzip',
    });
    const chunks = [];
    let headers = null;
    let trailers = null;
    req.on('response', (h) => { headers = h; });
    req.on('trailers', (t) => { trailers = t; });
    req.on('data', (c) => chunks.push(c));
    req.on('error', (err) => { session.close(); reject(err); });
    req.on('end', () => {
      session.close();
      try {
        const data = Buffer.concat(chunks);
        const encoding = (headers && headers['grpc-encoding']) || 'identity';
        const statusHeaders = trailers || headers || {};
        const messages = [];
        let offset = 0;
        while (offset < data.length) {
          if (data.length - offset < 5) throw new Error('truncated gRPC message prefix');
          const compressed = data.readUInt8(offset);
          const length = data.readUInt32BE(offset + 1);
          let payloadBytes = data.subarray(offset + 5, offset + 5 + length);
          if (payloadBytes.length !== length) throw new Error('truncated gRPC message');
          offset += 5 + length;
          if (compressed === 1) {
            if (encoding === 'gzip') payloadBytes = zlib.gunzipSync(payloadBytes);
            else if (encoding === 'deflate') payloadBytes = zlib.inflateSync(payloadBytes);
            else throw new Error(`compressed message with grpc-encoding "${encoding}"`);
          }
          messages.push({ compressed, message: definition.responseDeserialize(payloadBytes) });
        }
        resolve({
          encoding,
          grpcStatus: Number(statusHeaders['grpc-status']),
          grpcMessage: statusHeaders['grpc-message'],
          messages,
        });
      } catch (err) {
        reject(err);
      }
    });
    req.end(frame);
  });
}

function formatHost(host) {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** Checks (or only reports) the compressed flags of a raw call against expectations. */
function verifyFlags(ctx, raw, expected, what) {
  check(raw.grpcStatus === Status.OK, `${what} (raw HTTP/2 probe): grpc-status ${raw.grpcStatus} "${raw.grpcMessage}"`);
  check(raw.messages.length === expected.length,
    `${what} (raw HTTP/2 probe): ${raw.messages.length} response messages, expected ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    const { compressed, size } = expected[i];
    const got = raw.messages[i];
    checkZeros(bodyOf(got.message), size, `${what} (raw HTTP/2 probe) message ${i}`);
    const flagSet = got.compressed === 1;
    if (flagSet !== compressed) {
      const text = `${what}: response message ${i} compressed flag is ${got.compressed}, expected ${compressed ? 1 : 0} (grpc-encoding "${raw.encoding}")`;
      if (ctx.verifyCompressedFlag) throw new CaseFailure(text);
      process.stderr.write(`note (not asserted, --verify_compressed_flag false): ${text}\n`);
    }
  }
}

// ---------------------------------------------------------------------------------------
// The cases.

const cases = {
  async empty_unary(ctx) {
    const r = await unary(ctx.client, 'EmptyCall', {});
    expectOk(r, 'EmptyCall');
    check(r.response !== null && typeof r.response === 'object', 'EmptyCall: response is null');
  },

  async large_unary(ctx) {
    const r = await unary(ctx.client, 'UnaryCall', largeRequest());
    expectOk(r, 'UnaryCall');
    checkZeros(bodyOf(r.response), 314159, 'UnaryCall');
  },

  async client_compressed_unary(ctx) {
    // 1. Feature probe: uncompressed message that claims to need compression.
    const probe = await unary(ctx.client, 'UnaryCall', largeRequest({ expect_compressed: { value: true } }));
    check(probe.error, 'probe (uncompressed, expect_compressed=true): expected INVALID_ARGUMENT, call succeeded');
    expectStatus(probe.error, Status.INVALID_ARGUMENT, 'probe (uncompressed, expect_compressed=true)');
    // 2. Compressed message (gzip channel).
    const compressed = await unary(ctx.gzipClient(), 'UnaryCall', largeRequest({ expect_compressed: { value: true } }));
    expectOk(compressed, 'compressed UnaryCall (expect_compressed=true)');
    checkZeros(bodyOf(compressed.response), 314159, 'compressed UnaryCall');
    // 3. Uncompressed message (plain channel).
    const plain = await unary(ctx.client, 'UnaryCall', largeRequest({ expect_compressed: { value: false } }));
    expectOk(plain, 'uncompressed UnaryCall (expect_compressed=false)');
    checkZeros(bodyOf(plain.response), 314159, 'uncompressed UnaryCall');
  },

  async server_compressed_unary(ctx) {
    for (const wanted of [true, false]) {
      const request = largeRequest({ response_compressed: { value: wanted } });
      const what = `UnaryCall (response_compressed=${wanted})`;
      const r = await unary(ctx.client, 'UnaryCall', request);
      expectOk(r, what);
      checkZeros(bodyOf(r.response), 314159, what);
      const raw = await rawCall(ctx, 'UnaryCall', request);
      verifyFlags(ctx, raw, [{ compressed: wanted, size: 314159 }], what);
    }
  },

  async client_streaming(ctx) {
    const result = await new Promise((resolve) => {
      const call = ctx.client.StreamingInputCall((err, response) => resolve({ err, response }));
      for (const size of [27182, 8, 1828, 45904]) {
        call.write({ payload: { body: common.zeros(size) } });
      }
      call.end();
    });
    if (result.err) throw new CaseFailure(`StreamingInputCall failed with ${describeError(result.err)}`);
    check(result.response.aggregated_payload_size === 74922,
      `aggregated_payload_size is ${result.response.aggregated_payload_size}, expected 74922`);
  },

  async client_compressed_streaming(ctx) {
    // 1. Feature probe: one uncompressed message that claims to need compression.
    const probe = await new Promise((resolve) => {
      const call = ctx.client.StreamingInputCall((err, response) => resolve({ err, response }));
      call.write({ expect_compressed: { value: true }, payload: { body: common.zeros(27182) } });
      call.end();
    });
    check(probe.err, 'probe (uncompressed, expect_compressed=true): expected INVALID_ARGUMENT, call succeeded');
    expectStatus(probe.err, Status.INVALID_ARGUMENT, 'probe (uncompressed, expect_compressed=true)');
    // 2. A compressed message, then one written with NoCompress, on a gzip channel.
    const result = await new Promise((resolve) => {
      const call = ctx.gzipClient().StreamingInputCall((err, response) => resolve({ err, response }));
      call.write({ expect_compressed: { value: true }, payload: { body: common.zeros(27182) } });
      call.write({ expect_compressed: { value: false }, payload: { body: common.zeros(45904) } }, NO_COMPRESS);
      call.end();
    });
    if (result.err) throw new CaseFailure(`compressed StreamingInputCall failed with ${describeError(result.err)}`);
    check(result.response.aggregated_payload_size === 73086,
      `aggregated_payload_size is ${result.response.aggregated_payload_size}, expected 73086`);
  },

  async server_streaming(ctx) {
    const sizes = [31415, 9, 2653, 58979];
    const s = streaming(ctx.client.StreamingOutputCall({ response_parameters: sizes.map((size) => ({ size })) }));
    const { status, messages } = await s.finish();
    expectStatus(status, Status.OK, 'StreamingOutputCall');
    check(messages.length === sizes.length, `got ${messages.length} responses, expected ${sizes.length}`);
    sizes.forEach((size, i) => checkZeros(bodyOf(messages[i]), size, `response ${i}`));
  },

  async server_compressed_streaming(ctx) {
    const params = [{ compressed: { value: true }, size: 31415 }, { compressed: { value: false }, size: 92653 }];
    const request = { response_parameters: params };
    const s = streaming(ctx.client.StreamingOutputCall(request));
    const { status, messages } = await s.finish();
    expectStatus(status, Status.OK, 'StreamingOutputCall');
    check(messages.length === 2, `got ${messages.length} responses, expected 2`);
    params.forEach((p, i) => checkZeros(bodyOf(messages[i]), p.size, `response ${i}`));
    const raw = await rawCall(ctx, 'StreamingOutputCall', request);
    verifyFlags(ctx, raw, params.map((p) => ({ compressed: p.compressed.value, size: p.size })), 'StreamingOutputCall');
  },

  async ping_pong(ctx) {
    const requestSizes = [27182, 8, 1828, 45904];
    const responseSizes = [31415, 9, 2653, 58979];
    const s = streaming(ctx.client.FullDuplexCall());
    for (let i = 0; i < requestSizes.length; i++) {
      s.call.write({ response_parameters: [{ size: responseSizes[i] }], payload: { body: common.zeros(requestSizes[i]) } });
      const response = await s.next();
      check(response !== null, `stream ended before response ${i}: ${describeError(s.state.status)}`);
      checkZeros(bodyOf(response), responseSizes[i], `response ${i}`);
    }
    s.call.end();
    const { status, messages } = await s.finish();
    expectStatus(status, Status.OK, 'FullDuplexCall');
    check(messages.length === 4, `got ${messages.length} responses, expected 4`);
  },

  async empty_stream(ctx) {
    const s = streaming(ctx.client.FullDuplexCall());
    s.call.end();
    const { status, messages } = await s.finish();
    expectStatus(status, Status.OK, 'FullDuplexCall');
    check(messages.length === 0, `got ${messages.length} responses, expected 0`);
  },

  async timeout_on_sleeping_server(ctx) {
    const s = streaming(ctx.client.FullDuplexCall({ deadline: new Date(Date.now() + 1) }));
    try {
      s.call.write({ payload: { body: common.zeros(27182) } });
    } catch (err) {
      // The deadline may already have passed: the write failing is fine, the status decides.
    }
    const { status } = await s.finish();
    expectStatus(status, Status.DEADLINE_EXCEEDED, 'FullDuplexCall with a 1 ms deadline');
  },

  async cancel_after_begin(ctx) {
    const result = await new Promise((resolve) => {
      const call = ctx.client.StreamingInputCall((err, response) => resolve({ err, response }));
      call.cancel();
    });
    check(result.err, 'StreamingInputCall cancelled after begin: call succeeded');
    expectStatus(result.err, Status.CANCELLED, 'StreamingInputCall cancelled after begin');
  },

  async cancel_after_first_response(ctx) {
    const s = streaming(ctx.client.FullDuplexCall());
    s.call.write({ response_parameters: [{ size: 31415 }], payload: { body: common.zeros(27182) } });
    const first = await s.next();
    check(first !== null, `no first response: ${describeError(s.state.status)}`);
    checkZeros(bodyOf(first), 31415, 'first response');
    s.call.cancel();
    const { status } = await s.finish();
    expectStatus(status, Status.CANCELLED, 'FullDuplexCall cancelled after first response');
  },

  async custom_metadata(ctx) {
    const metadata = () => {
      const md = new grpc.Metadata();
      md.set(ECHO_INITIAL, ECHO_INITIAL_VALUE);
      md.set(ECHO_TRAILING, ECHO_TRAILING_VALUE);
      return md;
    };
    const verify = (headers, trailers, what) => {
      const initial = headers ? headers.get(ECHO_INITIAL) : [];
      check(initial.length === 1 && initial[0] === ECHO_INITIAL_VALUE,
        `${what}: initial metadata ${ECHO_INITIAL} is ${JSON.stringify(initial)}, expected "${ECHO_INITIAL_VALUE}"`);
      const trailing = trailers ? trailers.get(ECHO_TRAILING) : [];
      check(trailing.length === 1 && Buffer.isBuffer(trailing[0]) && trailing[0].equals(ECHO_TRAILING_VALUE),
        `${what}: trailing metadata ${ECHO_TRAILING} is ${trailing.map((v) => (Buffer.isBuffer(v) ? v.toString('hex') : v))}, expected ababab`);
    };
    const r = await unary(ctx.client, 'UnaryCall', largeRequest(), { metadata: metadata() });
    expectOk(r, 'UnaryCall');
    checkZeros(bodyOf(r.response), 314159, 'UnaryCall');
    verify(r.headers, r.status.metadata, 'UnaryCall');

    const s = streaming(ctx.client.FullDuplexCall(metadata()));
    s.call.write({ response_parameters: [{ size: 314159 }], payload: { body: common.zeros(271828) } });
    s.call.end();
    const { status, messages } = await s.finish();
    expectStatus(status, Status.OK, 'FullDuplexCall');
    check(messages.length === 1, `FullDuplexCall: got ${messages.length} responses, expected 1`);
    checkZeros(bodyOf(messages[0]), 314159, 'FullDuplexCall');
    verify(s.state.headers, status.metadata, 'FullDuplexCall');
  },

  async status_code_and_message(ctx) {
    const responseStatus = { code: 2, message: 'test status message' };
    const r = await unary(ctx.client, 'UnaryCall', { response_status: responseStatus });
    check(r.error, 'UnaryCall: expected UNKNOWN, call succeeded');
    expectStatus(r.error, 2, 'UnaryCall', responseStatus.message);

    const s = streaming(ctx.client.FullDuplexCall());
    s.call.write({ response_status: responseStatus });
    s.call.end();
    const { status } = await s.finish();
    expectStatus(status, 2, 'FullDuplexCall', responseStatus.message);
  },

  async special_status_message(ctx) {
    const r = await unary(ctx.client, 'UnaryCall', { response_status: { code: 2, message: SPECIAL_STATUS_MESSAGE } });
    check(r.error, 'UnaryCall: expected UNKNOWN, call succeeded');
    expectStatus(r.error, 2, 'UnaryCall', SPECIAL_STATUS_MESSAGE);
  },

  async unimplemented_method(ctx) {
    const r = await unary(ctx.client, 'UnimplementedCall', {});
    check(r.error, 'TestService/UnimplementedCall: expected UNIMPLEMENTED, call succeeded');
    expectStatus(r.error, Status.UNIMPLEMENTED, 'TestService/UnimplementedCall');
  },

  async unimplemented_service(ctx) {
    const client = ctx.track(new ctx.testing.UnimplementedService(ctx.target, ctx.credentials, ctx.channelOptions));
    const r = await unary(client, 'UnimplementedCall', {});
    check(r.error, 'UnimplementedService/UnimplementedCall: expected UNIMPLEMENTED, call succeeded');
    expectStatus(r.error, Status.UNIMPLEMENTED, 'UnimplementedService/UnimplementedCall');
  },
};

// ---------------------------------------------------------------------------------------

async function main() {
  const args = common.parseArgs(process.argv.slice(2));
  const testCase = args.test_case;
  if (!testCase || !Object.prototype.hasOwnProperty.call(cases, testCase)) {
    process.stderr.write(`interop-client: --test_case must be one of: ${Object.keys(cases).join(', ')}\n`);
    return 2;
  }
  const host = args.server_host || '127.0.0.1';
  const port = Number(args.server_port);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    process.stderr.write(`interop-client: bad --server_port "${args.server_port}"\n`);
    return 2;
  }
  const useTls = common.parseBool(args.use_tls, false);
  const useTestCa = common.parseBool(args.use_test_ca, false);
  const hostOverride = args.server_host_override;
  const caPem = useTls && args.ca_file ? fs.readFileSync(args.ca_file) : null;
  if (useTls && useTestCa && !caPem) {
    process.stderr.write('interop-client: --use_test_ca true needs --ca_file PEM\n');
    return 2;
  }
  const timeoutS = Number(args.timeout_s || 60);

  const { testing } = common.loadTestProtos();
  const channelOptions = {
    'grpc.max_receive_message_length': 16 * 1024 * 1024,
    'grpc.max_send_message_length': 16 * 1024 * 1024,
  };
  if (hostOverride) {
    channelOptions['grpc.ssl_target_name_override'] = hostOverride;
    channelOptions['grpc.default_authority'] = hostOverride;
  }
  const credentials = useTls ? grpc.credentials.createSsl(caPem) : grpc.credentials.createInsecure();
  const target = `${formatHost(host)}:${port}`;
  const clients = [];
  const track = (c) => { clients.push(c); return c; };
  let gzip = null;
  const ctx = {
    testing,
    host,
    port,
    authorityHost: formatHost(hostOverride || host),
    hostOverride,
    useTls,
    caPem,
    target,
    credentials,
    channelOptions,
    track,
    verifyCompressedFlag: common.parseBool(args.verify_compressed_flag, true),
    client: track(new testing.TestService(target, credentials, channelOptions)),
    gzipClient() {
      if (!gzip) {
        gzip = track(new testing.TestService(target, credentials,
          { ...channelOptions, 'grpc.default_compression_algorithm': GZIP }));
      }
      return gzip;
    },
  };

  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutS * 1000);
  });
  try {
    const outcome = await Promise.race([cases[testCase](ctx).then(() => 'pass'), timeout]);
    if (outcome === 'timeout') {
      process.stderr.write(`FAIL ${testCase}: did not finish within ${timeoutS} s\n`);
      return 2;
    }
    process.stdout.write(`PASS ${testCase}\n`);
    return 0;
  } catch (err) {
    const reason = err instanceof CaseFailure ? err.message : (err && err.stack) || String(err);
    process.stderr.write(`FAIL ${testCase}: ${reason}\n`);
    return 1;
  } finally {
    clearTimeout(timer);
    clients.forEach((c) => c.close());
  }
}

main().then((code) => process.exit(code), (err) => {
  process.stderr.write(`interop-client: ${err && err.stack ? err.stack : err}\n`);
  process.exit(2);
});
