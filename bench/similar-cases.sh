#!/usr/bin/env bash
# Similar-case lookup benchmark, in-process (no server, no database): the scan of the remembered cases' vectors that
# every triage makes (knowledge/CaseVectors): random vectors at 10,000 and 100,000 cases, and the sentence embeddings
# of the labelled data's messages, on one thread and on two at once. Prints [figures] lines: lookups a second, p50, p99.
#
#   bench/similar-cases.sh [seconds measured per run (5)] [seconds of warmup before each (2)] [data/intents folder (../shared/data/intents)]
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

if [[ ! -f bench/target/classpath.txt ]] \
   || [[ -n "$(find bench/src bench/pom.xml runtime/src/main -newer bench/target/classpath.txt -print -quit)" ]]; then
  echo "[bench] building the runtime and the benchmark driver"
  ./mvnw -q -B -pl bench -am package -DskipTests -Dquarkus.quinoa.enabled=false
fi

exec java -Xmx2g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.continuum.bench.SimilarCaseLookupBenchmark "$@"
