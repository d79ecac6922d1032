#!/usr/bin/env bash
# Runs Kehu's whole test suite: unit tests, integration tests on SQLite and PostgreSQL,
# and browser tests in Chromium. Provisions what is missing (as root, from Debian's
# packages), starts a throw-away PostgreSQL cluster on a loopback port, and removes it
# afterwards. Ends with one line: "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
configuration=${CONFIGURATION:-Debug}

say() { printf '\n==> %s\n' "$*"; }

# --- what the tests need -------------------------------------------------------------
pg_bin=""
find_pg() { pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true); }
find_pg
need=()
[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi "cjk" || need+=(fonts-noto-cjk)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "Installing ${need[*]} from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    find_pg
  else
    echo "Missing: ${need[*]}. Install them (Debian: sudo apt-get install ${need[*]}) and run again." >&2
    exit 1
  fi
fi
command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (https://dot.net)." >&2; exit 1; }

# --- a throw-away PostgreSQL cluster ----------------------------------------------------
pg_dir=$(mktemp -d /tmp/kehu-pg.XXXXXX)
pg_port=${KEHU_TEST_PG_PORT:-$(( 54000 + RANDOM % 1000 ))}
run_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
stop_pg() {
  run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap stop_pg EXIT
[ "$(id -u)" = 0 ] && chown postgres "$pg_dir"
say "Starting PostgreSQL on 127.0.0.1:$pg_port"
run_pg "$pg_bin/initdb" -D "$pg_dir/data" -U kehu --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
  -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
export KEHU_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=kehu;Database=postgres;Pooling=true;Maximum Pool Size=20"
export KEHU_TEST_CHROMIUM=${KEHU_TEST_CHROMIUM:-/usr/bin/chromium}

# --- build and test -------------------------------------------------------------------
say "Building"
dotnet tool restore >/dev/null
dotnet build Kehu.slnx -c "$configuration" -p:KehuInnerBuild=true -nologo -v:q -clp:ErrorsOnly

results=$(mktemp -d /tmp/kehu-results.XXXXXX)
status=0
for project in Kehu.UnitTests Kehu.IntegrationTests Kehu.E2E; do
  say "Testing $project"
  exe="tests/$project/bin/$configuration/net10.0/$project"
  "$exe" -noLogo -xml "$results/$project.xml" || status=1
done

read -r passed failed skipped < <(python3 - "$results" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.xml"):
    for a in ET.parse(path).getroot().iter("assembly"):
        p += int(a.get("passed", 0)); f += int(a.get("failed", 0)) + int(a.get("errors", 0) or 0); s += int(a.get("skipped", 0))
print(p, f, s)
PY
)
rm -rf "$results"
if [ "${CI:-}" = "true" ] && [ "$skipped" -gt 0 ]; then
  echo "Under CI=true no test may be skipped; $skipped were." >&2
  status=1
fi
[ "$passed" -gt 0 ] || status=1
echo
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
