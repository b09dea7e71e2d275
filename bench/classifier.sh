#!/usr/bin/env bash
# Intent classifier evaluation: in-process, no server. Splits the shared labelled data into a
# stratified example half and a held-out half, chooses on a validation split of the example
# half, measures on the held-out half and on bench/src/main/resources/b2b-messages.csv, out of
# the box (built-in examples alone) and trained (built-in + the example half), side by side.
#
#   bench/classifier.sh [data/intents folder (../shared/data/intents)]
#
# Needs Java 17; a few minutes on 2 cores (about 16,000 sentences are embedded).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
data_dir="${1:-../shared/data/intents}"

# rebuild the driver (and the runtime classes it runs) when missing or older than their sources
if [[ ! -f bench/target/classpath.txt ]] \
   || [[ -n "$(find bench/src bench/pom.xml runtime/src/main -newer bench/target/classpath.txt -print -quit)" ]]; then
  echo "[bench] building the runtime and the benchmark driver"
  ./mvnw -q -B -pl bench -am package -DskipTests -Dquarkus.quinoa.enabled=false
fi

exec java -Xmx3g -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.continuum.bench.IntentClassifierEvaluation \
  "$data_dir" decision-tables/severity.dmn rules/classification-fallbacks.drl
