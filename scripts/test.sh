#!/usr/bin/env bash
# Runs every test of the solution, the way CI does, on a fresh Debian machine or a developer's:
# installs what is missing (PostgreSQL, pcscd with vpcd, chromium), starts a private PostgreSQL (so
# the PostgreSQL tests run for real) and pcscd with vpcd's two virtual readers (so the station's
# PC/SC tests run for real), runs `dotnet test` on the whole solution and stops what it started,
# even when tests fail.
# Ends with one line "N passed, N failed, N skipped" and the exit code of the test run.
set -euo pipefail
cd "$(dirname "$0")/.."
wrapper=test.sh
source scripts/lib/wrapper.sh

# The dashboard's browser test drives Debian's headless chromium through its chromium-driver.
[[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]] || apt_install_missing chromium chromium-driver

results=$(mktemp -d /tmp/cardactors-tests.XXXXXX)
stop_started() { rm -rf "$results"; }

set +e
scripts/with-postgres.sh scripts/with-pcscd.sh dotnet test CardActors.sln --configuration Release \
    --logger "trx" --results-directory "$results" -- xUnit.ParallelizeTestCollections=true
status=$?
set -e

# Sum an attribute of the <Counters> element over every project's results file.
count() { cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' | awk '{s+=$1} END {print s+0}'; }
passed=$(count passed)
failed=$(count failed)
# A skipped test is counted in total but not in executed (the trx logger leaves notExecuted at 0).
skipped=$(( $(count total) - $(count executed) ))
echo
echo "$passed passed, $failed failed, $skipped skipped"
if [[ $status -eq 0 && $passed -eq 0 ]]; then
    echo "no test ran" >&2
    exit 1
fi
exit "$status"
