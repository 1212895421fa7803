#!/usr/bin/env bash
# Builds the five services' images and pushes them to a registry you name, tagged with the project version:
#   deploy/images.sh registry.example.com/inference-economics [jvm|native]   (default jvm)
# then points deploy/kubernetes at them (kustomize edit set image). Needs docker or podman; this repository's CI
# machines have neither (nor native-image): CI runs the native build steps (./suite.sh native-check) instead.
set -euo pipefail
cd "$(dirname "$0")/.."
registry="${1:?usage: deploy/images.sh <registry/prefix> [jvm|native]}"
flavour="${2:-jvm}"
engine=$(command -v docker || command -v podman || true)
if [ -z "$engine" ]; then
  echo "error: neither docker nor podman is installed: they build and push the images" >&2
  exit 1
fi
version=$(sed -n '0,/<version>/s#.*<version>\(.*\)</version>.*#\1#p' pom.xml)
services=(ingest-service pricing-service reconcile-service chargeback-service graphql-api)
if [ "$flavour" = jvm ]; then
  ./mvnw -B --no-transfer-progress package -DskipTests
fi
for s in "${services[@]}"; do
  image="$registry/$s:$version"
  tag="$version"; [ "$flavour" = native ] && image="$registry/$s:$version-native" && tag="$version-native"
  "$engine" build -f "deploy/docker/Dockerfile.$flavour" --build-arg "SERVICE=$s" -t "$image" .
  "$engine" push "$image"
  if command -v kustomize >/dev/null; then
    (cd deploy/kubernetes && kustomize edit set image "registry.example.com/inference-economics/$s=$registry/$s:$tag")
  fi
done
echo "pushed ${#services[@]} images tagged $version ($flavour)"
