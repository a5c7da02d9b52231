# Sourced by the scripts that run a command with something started around it (with-postgres.sh,
# with-pcscd.sh, test.sh). Each sets `wrapper` (its name in messages) first, and may define
# `stop_started` to stop what it started; the command runs as a child that a TERM or an INT to the
# script stops too, and the script exits with the command's exit code.

log() { echo "$wrapper: $*" >&2; }

# Installs Debian packages when some are missing: apt_install_missing pkg...
apt_install_missing() {
    [[ $# -gt 0 ]] || return 0
    [[ $EUID -eq 0 ]] || { log "missing $*; run as root to install them with apt-get"; exit 69; }
    log "installing $* with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq "$@" >&2
}

child=""

stop_started() { :; }

wrapper_cleanup() {
    local status=$?
    if [[ -n "$child" ]] && kill -0 "$child" 2>/dev/null; then
        kill -TERM "$child" 2>/dev/null || true
        wait "$child" 2>/dev/null || true
    fi
    stop_started
    exit "$status"
}
trap wrapper_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Runs the command in the background, so that a TERM sent to the script is handled at once (bash
# runs traps only between foreground commands); <&0 keeps stdin, which & would otherwise take away.
run_command() {
    set +e
    "$@" <&0 &
    child=$!
    wait "$child"
    local status=$?
    child=""
    exit "$status"
}

require_command() {
    if [[ $# -eq 0 ]]; then
        echo "usage: $0 <command> [args...]" >&2
        exit 64
    fi
}
