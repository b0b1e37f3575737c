#!/usr/bin/python3
"""python3-grpcio (a gRPC client nobody here wrote) calling a real service host as the services configure it; runs ONE case.

Run it with Debian's interpreter, /usr/bin/python3 (python3-grpcio 1.51, protobuf 4.21):

  /usr/bin/python3 grpcio_peer.py --target host:port --protos DIR --case NAME [--key KEY] [--service library.v1.X]

DIR is the repository's protos/ (library/v1/cluster_admin.proto); grpc.health.v1 comes from ./protos beside this file.
Prints "PASS <case>" and exits 0, or "FAIL <case>: <reason>" on stderr and exits 1 (2 on bad arguments or setup).
Cases as grpcjs-peer.js: no_key, with_key, message_too_large, health_watch, streaming_deadline.

No generated _pb2 code (the code a new protoc generates needs a newer protobuf runtime than 4.21): message classes are
built at run time from a FileDescriptorSet written by Grpc.Tools' protoc (from the NuGet cache), and calls go through
grpcio's generic multi-callables (channel.unary_unary, channel.unary_stream).
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

HERE = os.path.dirname(os.path.abspath(__file__))
GRPC_TOOLS_VERSION = "2.85.0"
FILES = ["library/v1/cluster_admin.proto", "grpc/health/v1/health.proto"]


class CaseFailure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CaseFailure(message)


def descriptor_pool_of(protos):
    tools = os.path.join(os.environ.get("NUGET_PACKAGES") or os.path.expanduser("~/.nuget/packages"), "grpc.tools", GRPC_TOOLS_VERSION)
    protoc = os.environ.get("PROTOC") or os.path.join(tools, "tools", "linux_x64", "protoc")
    include = os.path.join(tools, "build", "native", "include")
    with tempfile.TemporaryDirectory() as scratch:
        out = os.path.join(scratch, "set.pb")
        done = subprocess.run([protoc, f"-I{protos}", f"-I{os.path.join(HERE, 'protos')}", f"-I{include}",
                               f"--descriptor_set_out={out}", "--include_imports", *FILES], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"grpcio-peer: protoc ({protoc}) failed: {done.stderr.strip()}")
        with open(out, "rb") as f:
            fds = descriptor_pb2.FileDescriptorSet.FromString(f.read())
    pool = descriptor_pool.DescriptorPool()
    for file_proto in fds.file:
        pool.AddSerializedFile(file_proto.SerializeToString())
    return pool


def message_class(pool, name):
    descriptor = pool.FindMessageTypeByName(name)
    get_class = getattr(message_factory, "GetMessageClass", None)
    return get_class(descriptor) if get_class else message_factory.MessageFactory(pool).GetPrototype(descriptor)


def metadata(key):
    return [("x-api-key", key)] if key else []


def run(case, args, channel, pool):
    config_request = message_class(pool, "library.v1.GetClusterConfigRequest")
    config_response = message_class(pool, "library.v1.GetClusterConfigResponse")
    health_request = message_class(pool, "grpc.health.v1.HealthCheckRequest")
    health_response = message_class(pool, "grpc.health.v1.HealthCheckResponse")
    get_config = channel.unary_unary("/library.v1.ClusterAdminService/GetClusterConfig",
                                     request_serializer=config_request.SerializeToString, response_deserializer=config_response.FromString)
    watch = channel.unary_stream("/grpc.health.v1.Health/Watch",
                                 request_serializer=health_request.SerializeToString, response_deserializer=health_response.FromString)
    serving = health_response.ServingStatus.Value("SERVING")

    if case == "no_key":
        try:
            get_config(config_request(), metadata=metadata(""), timeout=30)
        except grpc.RpcError as e:
            check(e.code() == grpc.StatusCode.UNAUTHENTICATED, f"expected UNAUTHENTICATED, got {e.code()}")
            check("x-api-key" in (e.details() or ""), f"the message does not say where the key goes: {e.details()!r}")
            return
        raise CaseFailure("the call without a key succeeded")
    if case == "with_key":
        reply = get_config(config_request(), metadata=metadata(args.key), timeout=30)
        check(len(reply.clusters) > 0, "GetClusterConfig answered no clusters")
        check(all(c.api_key == "" for c in reply.clusters), "a cluster key came back")
        return
    if case == "message_too_large":
        try:
            get_config(config_request(name="a" * (5 * 1024 * 1024)), metadata=metadata(args.key), timeout=30)
        except grpc.RpcError as e:
            check(e.code() == grpc.StatusCode.RESOURCE_EXHAUSTED, f"expected RESOURCE_EXHAUSTED, got {e.code()} {e.details()}")
            return
        raise CaseFailure("a 5 MB request was accepted")
    if case == "health_watch":
        call = watch(health_request(service=args.service), timeout=30)
        first = next(call)
        call.cancel()
        check(first.status == serving, f"expected SERVING first, got {first.status}")
        return
    if case == "streaming_deadline":
        started = time.monotonic()
        call = watch(health_request(service=args.service), timeout=1.0)
        received = []
        try:
            for message in call:
                received.append(message.status)
        except grpc.RpcError as e:
            elapsed = time.monotonic() - started
            check(received[:1] == [serving], f"expected SERVING before the deadline, got {received}")
            check(e.code() == grpc.StatusCode.DEADLINE_EXCEEDED, f"expected DEADLINE_EXCEEDED, got {e.code()} {e.details()}")
            check(0.9 <= elapsed < 10, f"the call ended after {elapsed:.2f} s, not at its 1 s deadline")
            return
        raise CaseFailure("the watch ended without an error before its deadline")
    raise SystemExit(f"grpcio-peer: unknown case {case!r}")


def main():
    parser = argparse.ArgumentParser()
    for name in ("target", "protos", "case"):
        parser.add_argument(f"--{name}", required=True)
    parser.add_argument("--key", default="")
    parser.add_argument("--service", default="")
    args = parser.parse_args()
    pool = descriptor_pool_of(args.protos)
    options = [("grpc.max_send_message_length", -1)]
    with grpc.insecure_channel(args.target, options=options) as channel:
        try:
            run(args.case, args, channel, pool)
        except (CaseFailure, grpc.RpcError, StopIteration) as e:
            detail = f"{e.code()} {e.details()}" if isinstance(e, grpc.RpcError) else str(e)
            print(f"FAIL {args.case}: {detail}", file=sys.stderr)
            sys.exit(1)
    print(f"PASS {args.case}")


if __name__ == "__main__":
    main()
