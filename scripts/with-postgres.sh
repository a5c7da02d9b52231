#!/usr/bin/env bash
# Runs a command with a private, throwaway PostgreSQL server:
#
#   scripts/with-postgres.sh dotnet test tests/CardActors.Storage.Tests
#
# The command sees CARDACTORS_TEST_POSTGRES (an Npgsql connection string to an empty database
# owned by a password-protected role) and CARDACTORS_TEST_POSTGRES_RESTART (a command line for
# `bash -c` that restarts the server: fast shutdown, same options). The server listens on 127.0.0.1 only, keeps its data and
# socket in a temp directory, and is stopped and deleted when the script exits, however it exits.
# The script exits with the command's exit code. Installs Debian's postgresql when it is missing.
set -euo pipefail
wrapper=with-postgres
source "$(dirname "$0")/lib/wrapper.sh"
require_command "$@"

find_bin_dir() {
    # The newest installed major version; Debian keeps each under /usr/lib/postgresql/<major>/bin.
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
        echo "$dir"
    fi
}

bin_dir=$(find_bin_dir)
if [[ -z "$bin_dir" ]]; then
    apt_install_missing postgresql
    bin_dir=$(find_bin_dir)
    [[ -n "$bin_dir" ]] || { log "no initdb/pg_ctl under /usr/lib/postgresql/*/bin after installing"; exit 69; }
fi

# PostgreSQL refuses to run as root: as root, run the server as the postgres OS user.
as_server_user() {
    if [[ $EUID -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

work_dir=$(mktemp -d /tmp/cardactors-pg.XXXXXX)
data_dir="$work_dir/data"
server_log="$work_dir/server.log"

stop_started() {
    # No pid file: the server is gone already (it crashed, or someone stopped it). The pid file,
    # not whether our start succeeded, decides: a start that timed out may have come up since.
    if [[ -f "$data_dir/postmaster.pid" ]]; then
        (cd "$work_dir" && as_server_user "$bin_dir/pg_ctl" stop -D "$data_dir" -m fast -w >/dev/null 2>&1) \
            || (cd "$work_dir" && as_server_user "$bin_dir/pg_ctl" stop -D "$data_dir" -m immediate -w >/dev/null 2>&1) \
            || log "could not stop the server in $data_dir"
    fi
    rm -rf "$work_dir"
}

if [[ $EUID -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || { log "the OS user 'postgres' is missing (it comes with Debian's postgresql package)"; exit 69; }
    chown postgres: "$work_dir"
fi

password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')

# The superuser authenticates over the private socket only; TCP needs the role's password.
(cd "$work_dir" && as_server_user "$bin_dir/initdb" -D "$data_dir" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >"$work_dir/initdb.log" 2>&1) || { cat "$work_dir/initdb.log" >&2; log "initdb failed"; exit 70; }

# A throwaway server for tests: durability settings off, for speed; room for the connection
# pools of a test run or a benchmark (each pool keeps its idle connections for minutes).
port=""
for candidate in $(seq 55432 55531); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
        continue # taken
    fi
    options="-c listen_addresses=127.0.0.1 -c port=$candidate -c unix_socket_directories='$work_dir' -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    if (cd "$work_dir" && as_server_user "$bin_dir/pg_ctl" start -D "$data_dir" -l "$server_log" -w -t 60 -o "$options" >/dev/null 2>&1); then
        port=$candidate
        break
    fi
    # Lost a race for the port (or something else went wrong): the log says which; try the next one.
    tail -n 3 "$server_log" >&2 2>/dev/null || true
done
[[ -n "$port" ]] || { log "could not start PostgreSQL on any port in 55432-55531"; exit 70; }

psql_admin() {
    (cd "$work_dir" && as_server_user "$bin_dir/psql" -h "$work_dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@")
}
psql_admin -c "CREATE ROLE cardactors LOGIN CREATEDB PASSWORD '$password'" >/dev/null
psql_admin -c "CREATE DATABASE cardactors OWNER cardactors" >/dev/null

export CARDACTORS_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=cardactors;Password=$password;Database=cardactors"
# For tests that restart the server mid-run (a fast shutdown, then the same options, port and log):
# a command line for `bash -c`, run as whoever runs this script.
server_user_prefix=""
[[ $EUID -eq 0 ]] && server_user_prefix="runuser -u postgres -- "
export CARDACTORS_TEST_POSTGRES_RESTART="cd '$work_dir' && ${server_user_prefix}'$bin_dir/pg_ctl' restart -D '$data_dir' -m fast -w -t 60 -l '$server_log' >/dev/null"
log "PostgreSQL $("$bin_dir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $data_dir)"

run_command "$@"
