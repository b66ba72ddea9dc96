#!/usr/bin/env bash
# Rewrites the replace block of testenv/go.mod so every k8s.io staging module that
# k8s.io/kubernetes@$K8S_VERSION points at ./staging is pinned to the matching v0.X.Y tag.
# Usage: testenv/hack/gen-replaces.sh [v1.35.6]
set -euo pipefail
cd "$(dirname "$0")/.."
K8S_VERSION="${1:-$(sed -n 's/^\s*k8s.io\/kubernetes \(v[0-9.]*\).*/\1/p' go.mod | head -1)}"
[ -n "$K8S_VERSION" ] || { echo "usage: $0 v1.35.6" >&2; exit 2; }
STAGING_VERSION="v0.${K8S_VERSION#v1.}"
# go mod download gives the module's own go.mod, with its ./staging replace directives.
MODFILE="$(go mod download -json "k8s.io/kubernetes@${K8S_VERSION}" | sed -n 's/^\s*"GoMod": "\(.*\)",$/\1/p')"
[ -f "$MODFILE" ] || { echo "could not download k8s.io/kubernetes@${K8S_VERSION}" >&2; exit 1; }
MODS="$(sed -n 's#^\s*\(k8s.io/[a-z0-9-]*\) => \./staging/.*#\1#p' "$MODFILE" | sort -u)"
# The sample-* modules are examples nothing imports; the proxy does not always carry them.
MODS="$(echo "$MODS" | grep -v '^k8s.io/sample-')"
# Drop any previous staging replaces, then add one per module.
for m in $MODS; do go mod edit -dropreplace="$m"; done
{
  echo
  echo "// Staging modules pinned to k8s.io/kubernetes ${K8S_VERSION} by hack/gen-replaces.sh."
  echo "replace ("
  for m in $MODS; do printf '\t%s => %s %s\n' "$m" "$m" "$STAGING_VERSION"; done
  echo ")"
} >> go.mod
go mod edit -fmt
go mod edit -require="k8s.io/kubernetes@${K8S_VERSION}"
echo "pinned $(echo "$MODS" | wc -l) staging modules to ${STAGING_VERSION} for k8s.io/kubernetes ${K8S_VERSION}"
