#!/usr/bin/env bash
# Builds the five images from deploy/docker/Dockerfile: the four services and the local vector cluster.
# Usage: deploy/docker/build.sh [TAG] (default latest); REGISTRY=ghcr.io/you to prefix the names.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
tag="${1:-latest}" prefix="${REGISTRY:+$REGISTRY/}multicluster"
build() { # name project assembly port health
  docker build -f "$root/deploy/docker/Dockerfile" "$root" -t "$prefix/$1:$tag" \
    --build-arg PROJECT="$2" --build-arg ASSEMBLY="$3" --build-arg GRPC_PORT="$4" --build-arg HEALTH="$5"
}
build orchestrator   services/Orchestrator/MultiCluster.Orchestrator.csproj     MultiCluster.Orchestrator.dll   5100 grpc
build discovery      services/Discovery/MultiCluster.Discovery.csproj           MultiCluster.Discovery.dll      5101 grpc
build specialization services/Specialization/MultiCluster.Specialization.csproj MultiCluster.Specialization.dll 5102 grpc
build rebalancer     services/Rebalancer/MultiCluster.Rebalancer.csproj         MultiCluster.Rebalancer.dll     5103 grpc
build localcluster   tools/LocalCluster/LocalCluster.csproj                     LocalCluster.dll                6333 http
