#!/usr/bin/python3
"""grpcio implementation of the gRPC interop client; runs ONE named case.

Run it with Debian's interpreter, /usr/bin/python3 (python3-grpcio 1.51, protobuf 4.21):

  /usr/bin/python3 interop_client.py --server_host 127.0.0.1 --server_port N --test_case NAME
      [--use_tls false] [--use_test_ca false --ca_file PEM] [--server_host_override NAME]
      [--descriptor_set PATH] [--timeout_s 60]

Exit 0 and "PASS <case>" on stdout when the case passes; exit 1 and "FAIL <case>: <reason>"
on stderr when it fails; exit 2 on bad arguments, setup errors or timeout.

No generated _pb2 code: the code that a new protoc generates needs a newer protobuf runtime
than 4.21. Message classes are built at run time from a FileDescriptorSet of
protos/grpc/testing/test.proto (--descriptor_set PATH, made with
`protoc --descriptor_set_out=PATH --include_imports`); without it, the set is made into a
temporary file with Grpc.Tools' protoc from the NuGet cache ($NUGET_PACKAGES or
~/.nuget/packages, grpc.tools/2.85.0). Calls go through grpcio's generic multi-callables
(channel.unary_unary / unary_stream / stream_unary / stream_stream).

What grpcio 1.51 cannot do, and what this client does instead:
- server_compressed_*: grpcio does not expose a response message's compressed flag, so the
  cases check status and payload sizes only (the grpc-js client checks the flag).
- client_compressed_streaming: grpcio has no per-message "do not compress" flag for a
  request iterator, so after the uncompressed probe the second call compresses both
  messages (the second one says expect_compressed=false, which a compressed message
  satisfies too).
"""

import argparse
import os
import queue
import subprocess
import sys
import tempfile
import threading

import grpc
from google.protobuf import descriptor_pb2
from google.protobuf import descriptor_pool
from google.protobuf import message_factory

HERE = os.path.dirname(os.path.abspath(__file__))
PROTO_ROOT = os.path.join(HERE, "protos")
TEST_PROTO = "grpc/testing/test.proto"
GRPC_TOOLS_VERSION = "2.85.0"

ECHO_INITIAL = "x-grpc-test-echo-initial"
ECHO_INITIAL_VALUE = "test_initial_metadata_value"
ECHO_TRAILING = "x-grpc-test-echo-trailing-bin"
ECHO_TRAILING_VALUE = b"\xab\xab\xab"
SPECIAL_STATUS_MESSAGE = "\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001f608\t\n"
MAX_MESSAGE = 16 * 1024 * 1024

CASES = [
    "empty_unary", "large_unary", "client_compressed_unary", "server_compressed_unary",
    "client_streaming", "client_compressed_streaming", "server_streaming",
    "server_compressed_streaming", "ping_pong", "empty_stream", "timeout_on_sleeping_server",
    "cancel_after_begin", "cancel_after_first_response", "custom_metadata",
    "status_code_and_message", "special_status_message", "unimplemented_method",
    "unimplemented_service",
]


class CaseFailure(Exception):
    pass


class SetupError(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CaseFailure(message)


# ---------------------------------------------------------------------------------------
# Descriptors and message classes.

def nuget_packages_dir():
    return os.environ.get("NUGET_PACKAGES") or os.path.join(os.path.expanduser("~"), ".nuget", "packages")


def build_descriptor_set(path):
    """Runs Grpc.Tools' protoc to write a FileDescriptorSet (with imports) of test.proto."""
    tools = os.path.join(nuget_packages_dir(), "grpc.tools", GRPC_TOOLS_VERSION)
    protoc = os.environ.get("PROTOC") or os.path.join(tools, "tools", "linux_x64", "protoc")
    include = os.path.join(tools, "build", "native", "include")
    if not os.path.isfile(protoc):
        raise SetupError(
            f"protoc not found at {protoc}: restore a project that references Grpc.Tools "
            f"{GRPC_TOOLS_VERSION} (or set PROTOC), or pass --descriptor_set")
    command = [protoc, f"-I{PROTO_ROOT}", f"-I{include}", f"--descriptor_set_out={path}",
               "--include_imports", TEST_PROTO]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SetupError(f"protoc failed ({done.returncode}): {done.stderr.strip()}")


def message_class(descriptor):
    get_class = getattr(message_factory, "GetMessageClass", None)
    if get_class is not None:  # protobuf >= 4.22
        return get_class(descriptor)
    return message_factory.MessageFactory(descriptor.file.pool).GetPrototype(descriptor)  # 4.21


class Protos:
    """Message classes and service descriptors of grpc.testing, from a FileDescriptorSet."""

    def __init__(self, descriptor_set_path):
        with open(descriptor_set_path, "rb") as f:
            fds = descriptor_pb2.FileDescriptorSet.FromString(f.read())
        self.pool = descriptor_pool.DescriptorPool()
        # --include_imports lists dependencies before the files that import them.
        for file_proto in fds.file:
            self.pool.AddSerializedFile(file_proto.SerializeToString())
        self._classes = {}

    def message(self, full_name):
        if full_name not in self._classes:
            self._classes[full_name] = message_class(self.pool.FindMessageTypeByName(full_name))
        return self._classes[full_name]

    def stub(self, channel, service_name):
        return Stub(self, channel, self.pool.FindServiceByName(service_name))


class Stub:
    """One attribute per method: the grpcio multi-callable of the right kind."""

    def __init__(self, protos, channel, service):
        for method in service.methods:
            path = f"/{service.full_name}/{method.name}"
            request = protos.message(method.input_type.full_name)
            response = protos.message(method.output_type.full_name)
            client_streaming, server_streaming = method_kind(method)
            if client_streaming and server_streaming:
                factory = channel.stream_stream
            elif client_streaming:
                factory = channel.stream_unary
            elif server_streaming:
                factory = channel.unary_stream
            else:
                factory = channel.unary_unary
            setattr(self, method.name, factory(
                path, request_serializer=request.SerializeToString, response_deserializer=response.FromString))


def method_kind(method):
    if hasattr(method, "client_streaming"):
        return method.client_streaming, method.server_streaming
    proto = descriptor_pb2.MethodDescriptorProto()
    method.CopyToProto(proto)
    return proto.client_streaming, proto.server_streaming


# ---------------------------------------------------------------------------------------
# Helpers.

class RequestQueue:
    """A request iterator fed one message at a time (ping-pong style), closed by close()."""

    _END = object()

    def __init__(self):
        self._queue = queue.Queue()

    def put(self, message):
        self._queue.put(message)

    def close(self):
        self._queue.put(self._END)

    def __iter__(self):
        while True:
            item = self._queue.get()
            if item is self._END:
                return
            yield item


def describe_error(err):
    return f"{err.code().name} {err.details()!r}"


def check_zeros(body, size, what):
    check(len(body) == size, f"{what}: payload body is {len(body)} bytes, expected {size}")
    check(body.count(0) == size, f"{what}: payload body is not all zeros")


def expect_error(call_fn, code, what, details=None):
    try:
        call_fn()
    except grpc.RpcError as err:
        check(err.code() == code, f"{what}: expected {code.name}, got {describe_error(err)}")
        if details is not None:
            check(err.details() == details,
                  f"{what}: expected status message {details!r}, got {err.details()!r}")
        return err
    raise CaseFailure(f"{what}: expected {code.name}, call succeeded")


def metadata_value(metadata, key):
    values = [value for (k, value) in (metadata or ()) if k == key]
    return values


class Client:
    def __init__(self, protos, channel):
        self.p = protos
        self.channel = channel
        self.test = protos.stub(channel, "grpc.testing.TestService")
        self.unimplemented = protos.stub(channel, "grpc.testing.UnimplementedService")

    def m(self, name, **fields):
        return self.p.message("grpc.testing." + name)(**fields)

    def payload(self, size):
        return self.m("Payload", body=bytes(size))

    def bool_value(self, value):
        return self.m("BoolValue", value=value)

    def large_request(self, **extra):
        return self.m("SimpleRequest", response_size=314159, payload=self.payload(271828), **extra)

    def params(self, size, **extra):
        return self.m("ResponseParameters", size=size, **extra)

    # -- cases ---------------------------------------------------------------------------

    def empty_unary(self):
        response = self.test.EmptyCall(self.m("Empty"))
        check(response is not None, "EmptyCall: response is None")

    def large_unary(self):
        response = self.test.UnaryCall(self.large_request())
        check_zeros(response.payload.body, 314159, "UnaryCall")

    def client_compressed_unary(self):
        probe = self.large_request(expect_compressed=self.bool_value(True))
        expect_error(lambda: self.test.UnaryCall(probe, compression=grpc.Compression.NoCompression),
                     grpc.StatusCode.INVALID_ARGUMENT, "probe (uncompressed, expect_compressed=true)")
        response = self.test.UnaryCall(self.large_request(expect_compressed=self.bool_value(True)),
                                       compression=grpc.Compression.Gzip)
        check_zeros(response.payload.body, 314159, "compressed UnaryCall")
        response = self.test.UnaryCall(self.large_request(expect_compressed=self.bool_value(False)),
                                       compression=grpc.Compression.NoCompression)
        check_zeros(response.payload.body, 314159, "uncompressed UnaryCall")

    def server_compressed_unary(self):
        # grpcio does not expose the compressed flag: sizes and status only.
        for wanted in (True, False):
            response = self.test.UnaryCall(self.large_request(response_compressed=self.bool_value(wanted)))
            check_zeros(response.payload.body, 314159, f"UnaryCall (response_compressed={wanted})")

    def client_streaming(self):
        sizes = [27182, 8, 1828, 45904]
        requests = [self.m("StreamingInputCallRequest", payload=self.payload(s)) for s in sizes]
        response = self.test.StreamingInputCall(iter(requests))
        check(response.aggregated_payload_size == 74922,
              f"aggregated_payload_size is {response.aggregated_payload_size}, expected 74922")

    def client_compressed_streaming(self):
        probe = [self.m("StreamingInputCallRequest", expect_compressed=self.bool_value(True),
                        payload=self.payload(27182))]
        expect_error(lambda: self.test.StreamingInputCall(iter(probe), compression=grpc.Compression.NoCompression),
                     grpc.StatusCode.INVALID_ARGUMENT, "probe (uncompressed, expect_compressed=true)")
        # No per-message NoCompress in grpcio: both messages go compressed (see module doc).
        requests = [
            self.m("StreamingInputCallRequest", expect_compressed=self.bool_value(True), payload=self.payload(27182)),
            self.m("StreamingInputCallRequest", expect_compressed=self.bool_value(False), payload=self.payload(45904)),
        ]
        response = self.test.StreamingInputCall(iter(requests), compression=grpc.Compression.Gzip)
        check(response.aggregated_payload_size == 73086,
              f"aggregated_payload_size is {response.aggregated_payload_size}, expected 73086")

    def server_streaming(self):
        sizes = [31415, 9, 2653, 58979]
        call = self.test.StreamingOutputCall(
            self.m("StreamingOutputCallRequest", response_parameters=[self.params(s) for s in sizes]))
        responses = list(call)
        check(call.code() == grpc.StatusCode.OK, f"StreamingOutputCall: status {call.code()}")
        check(len(responses) == 4, f"got {len(responses)} responses, expected 4")
        for i, size in enumerate(sizes):
            check_zeros(responses[i].payload.body, size, f"response {i}")

    def server_compressed_streaming(self):
        # grpcio does not expose the compressed flag: sizes and status only.
        params = [self.params(31415, compressed=self.bool_value(True)),
                  self.params(92653, compressed=self.bool_value(False))]
        call = self.test.StreamingOutputCall(self.m("StreamingOutputCallRequest", response_parameters=params))
        responses = list(call)
        check(call.code() == grpc.StatusCode.OK, f"StreamingOutputCall: status {call.code()}")
        check(len(responses) == 2, f"got {len(responses)} responses, expected 2")
        check_zeros(responses[0].payload.body, 31415, "response 0")
        check_zeros(responses[1].payload.body, 92653, "response 1")

    def ping_pong(self):
        request_sizes = [27182, 8, 1828, 45904]
        response_sizes = [31415, 9, 2653, 58979]
        requests = RequestQueue()
        call = self.test.FullDuplexCall(iter(requests))
        try:
            for i, (req_size, resp_size) in enumerate(zip(request_sizes, response_sizes)):
                requests.put(self.m("StreamingOutputCallRequest", response_parameters=[self.params(resp_size)],
                                    payload=self.payload(req_size)))
                try:
                    response = next(call)
                except StopIteration:
                    raise CaseFailure(f"stream ended before response {i}: {call.code()}") from None
                check_zeros(response.payload.body, resp_size, f"response {i}")
        finally:
            requests.close()
        rest = list(call)
        check(not rest, f"got {4 + len(rest)} responses, expected 4")
        check(call.code() == grpc.StatusCode.OK, f"FullDuplexCall: status {call.code()}")

    def empty_stream(self):
        call = self.test.FullDuplexCall(iter([]))
        responses = list(call)
        check(call.code() == grpc.StatusCode.OK, f"FullDuplexCall: status {call.code()}")
        check(not responses, f"got {len(responses)} responses, expected 0")

    def timeout_on_sleeping_server(self):
        requests = RequestQueue()
        requests.put(self.m("StreamingOutputCallRequest", payload=self.payload(27182)))
        try:
            call = self.test.FullDuplexCall(iter(requests), timeout=0.001)
            expect_error(lambda: list(call), grpc.StatusCode.DEADLINE_EXCEEDED, "FullDuplexCall with a 1 ms deadline")
        finally:
            requests.close()

    def cancel_after_begin(self):
        requests = RequestQueue()
        try:
            future = self.test.StreamingInputCall.future(iter(requests))
            future.cancel()
            check(future.code() == grpc.StatusCode.CANCELLED,
                  f"StreamingInputCall cancelled after begin: status {future.code()}")
            check(future.cancelled(), "StreamingInputCall cancelled after begin: future not cancelled")
        finally:
            requests.close()

    def cancel_after_first_response(self):
        requests = RequestQueue()
        try:
            call = self.test.FullDuplexCall(iter(requests))
            requests.put(self.m("StreamingOutputCallRequest", response_parameters=[self.params(31415)],
                                payload=self.payload(27182)))
            first = next(call)
            check_zeros(first.payload.body, 31415, "first response")
            call.cancel()
            check(call.code() == grpc.StatusCode.CANCELLED,
                  f"FullDuplexCall cancelled after first response: status {call.code()}")
        finally:
            requests.close()

    def custom_metadata(self):
        metadata = ((ECHO_INITIAL, ECHO_INITIAL_VALUE), (ECHO_TRAILING, ECHO_TRAILING_VALUE))

        def verify(initial, trailing, what):
            values = metadata_value(initial, ECHO_INITIAL)
            check(values == [ECHO_INITIAL_VALUE],
                  f"{what}: initial metadata {ECHO_INITIAL} is {values!r}, expected {ECHO_INITIAL_VALUE!r}")
            values = metadata_value(trailing, ECHO_TRAILING)
            check(values == [ECHO_TRAILING_VALUE],
                  f"{what}: trailing metadata {ECHO_TRAILING} is {values!r}, expected b'\\xab\\xab\\xab'")

        response, call = self.test.UnaryCall.with_call(self.large_request(), metadata=metadata)
        check_zeros(response.payload.body, 314159, "UnaryCall")
        verify(call.initial_metadata(), call.trailing_metadata(), "UnaryCall")

        request = self.m("StreamingOutputCallRequest", response_parameters=[self.params(314159)],
                         payload=self.payload(271828))
        call = self.test.FullDuplexCall(iter([request]), metadata=metadata)
        responses = list(call)
        check(call.code() == grpc.StatusCode.OK, f"FullDuplexCall: status {call.code()}")
        check(len(responses) == 1, f"FullDuplexCall: got {len(responses)} responses, expected 1")
        check_zeros(responses[0].payload.body, 314159, "FullDuplexCall")
        verify(call.initial_metadata(), call.trailing_metadata(), "FullDuplexCall")

    def status_code_and_message(self):
        message = "test status message"
        status = self.m("EchoStatus", code=2, message=message)
        expect_error(lambda: self.test.UnaryCall(self.m("SimpleRequest", response_status=status)),
                     grpc.StatusCode.UNKNOWN, "UnaryCall", message)
        call = self.test.FullDuplexCall(iter([self.m("StreamingOutputCallRequest", response_status=status)]))
        expect_error(lambda: list(call), grpc.StatusCode.UNKNOWN, "FullDuplexCall", message)

    def special_status_message(self):
        status = self.m("EchoStatus", code=2, message=SPECIAL_STATUS_MESSAGE)
        expect_error(lambda: self.test.UnaryCall(self.m("SimpleRequest", response_status=status)),
                     grpc.StatusCode.UNKNOWN, "UnaryCall", SPECIAL_STATUS_MESSAGE)

    def unimplemented_method(self):
        expect_error(lambda: self.test.UnimplementedCall(self.m("Empty")),
                     grpc.StatusCode.UNIMPLEMENTED, "TestService/UnimplementedCall")

    def unimplemented_service(self):
        expect_error(lambda: self.unimplemented.UnimplementedCall(self.m("Empty")),
                     grpc.StatusCode.UNIMPLEMENTED, "UnimplementedService/UnimplementedCall")


# ---------------------------------------------------------------------------------------

def str2bool(value):
    v = str(value).lower()
    if v in ("true", "1", "yes"):
        return True
    if v in ("false", "0", "no"):
        return False
    raise argparse.ArgumentTypeError(f"not a boolean: {value!r}")


def parse_args(argv):
    parser = argparse.ArgumentParser(description="gRPC interop client (grpcio)")
    parser.add_argument("--server_host", default="127.0.0.1")
    parser.add_argument("--server_port", type=int, required=True)
    parser.add_argument("--server_host_override", default=None)
    parser.add_argument("--test_case", required=True, choices=CASES)
    parser.add_argument("--use_tls", type=str2bool, default=False)
    parser.add_argument("--use_test_ca", type=str2bool, default=False)
    parser.add_argument("--ca_file", default=None)
    parser.add_argument("--descriptor_set", default=None)
    parser.add_argument("--timeout_s", type=float, default=60.0)
    return parser.parse_args(argv)


def make_channel(args):
    host = args.server_host
    target = f"[{host}]:{args.server_port}" if ":" in host and not host.startswith("[") else f"{host}:{args.server_port}"
    options = [("grpc.max_receive_message_length", MAX_MESSAGE), ("grpc.max_send_message_length", MAX_MESSAGE)]
    if not args.use_tls:
        return grpc.insecure_channel(target, options=options)
    root = None
    if args.ca_file:
        with open(args.ca_file, "rb") as f:
            root = f.read()
    elif args.use_test_ca:
        raise SetupError("--use_test_ca true needs --ca_file PEM")
    if args.server_host_override:
        options.append(("grpc.ssl_target_name_override", args.server_host_override))
    return grpc.secure_channel(target, grpc.ssl_channel_credentials(root_certificates=root), options=options)


def run(args):
    temp_dir = None
    descriptor_set = args.descriptor_set
    if not descriptor_set:
        temp_dir = tempfile.TemporaryDirectory(prefix="interop-client-")
        descriptor_set = os.path.join(temp_dir.name, "grpc_testing.pb")
        build_descriptor_set(descriptor_set)
    protos = Protos(descriptor_set)
    if temp_dir is not None:
        temp_dir.cleanup()
    channel = make_channel(args)
    try:
        getattr(Client(protos, channel), args.test_case)()
    finally:
        channel.close()


def main(argv):
    args = parse_args(argv)
    outcome = {}

    def target():
        try:
            run(args)
            outcome["code"] = 0
        except CaseFailure as err:
            outcome["code"], outcome["message"] = 1, str(err)
        except SetupError as err:
            outcome["code"], outcome["message"] = 2, f"setup: {err}"
        except grpc.RpcError as err:
            outcome["code"], outcome["message"] = 1, f"unexpected RPC error {describe_error(err)}"
        except Exception as err:  # noqa: BLE001 - report anything else as a failure
            outcome["code"], outcome["message"] = 1, f"{type(err).__name__}: {err}"

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(args.timeout_s)
    if worker.is_alive():
        outcome = {"code": 2, "message": f"did not finish within {args.timeout_s:g} s"}
    if outcome["code"] == 0:
        print(f"PASS {args.test_case}", flush=True)
    else:
        print(f"FAIL {args.test_case}: {outcome['message']}", file=sys.stderr, flush=True)
    return outcome["code"]


if __name__ == "__main__":
    code = main(sys.argv[1:])
    sys.stdout.flush()
    sys.stderr.flush()
    # grpcio may hold non-daemon threads (e.g. a blocked request iterator): leave at once.
    os._exit(code)
