#!/usr/bin/env bash
# Where a recorded run's processor time went: summarises a Java Flight Recorder file of the platform, such as
# BENCH_JFR=run.jfr bench/end-to-end.sh records, over the whole recording or a window of it (a paced run prints its
# measured window as "bench/profile.sh recording.jfr HH:MM:SS HH:MM:SS", UTC). Prints [profile] lines: the JIT
# compilers' and the garbage collector's time in the window, then the shares of the execution samples by thread, by
# platform feature on the stack, by library at the top of the stack, and the busiest methods.
#
#   bench/profile.sh run.jfr [from HH:MM:SS] [to HH:MM:SS]
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
recording="$(realpath "$1")"
shift
cd "$repo_root"

if [[ ! -f bench/target/classpath.txt ]] \
   || [[ -n "$(find bench/src bench/pom.xml -newer bench/target/classpath.txt -print -quit)" ]]; then
  echo "[bench] building the benchmark driver"
  ./mvnw -q -B -pl bench -am package -DskipTests -Dquarkus.quinoa.enabled=false
  touch bench/target/classpath.txt
fi

exec java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.continuum.bench.ProfileSummary "${recording}" "$@"
