#!/usr/bin/env bash
# Runs a command with a PC/SC stack whose readers are virtual, for the station's tests:
#
#   scripts/with-pcscd.sh dotnet test tests/CardActors.Station.Tests
#
# Installs Debian's pcscd, vsmartcard-vpcd (the virtual reader driver), opensc, yubico-piv-tool
# and pcsc-tools when they are missing, starts pcscd in the foreground (no systemd here) unless
# one is running already, and waits until it shows vpcd's two readers, "Virtual PCD 00 00" (a
# card connects to TCP 35963) and "Virtual PCD 00 01" (35964). The command sees
# CARDACTORS_TEST_PCSCD=1 and CARDACTORS_TEST_VPCD_PORTS="35963 35964". A pcscd this script
# started is stopped when it exits, however it exits; the exit code is the command's.
set -euo pipefail
wrapper=with-pcscd
source "$(dirname "$0")/lib/wrapper.sh"
require_command "$@"

needed=()
command -v pcscd >/dev/null 2>&1 || [[ -x /usr/sbin/pcscd ]] || needed+=(pcscd)
[[ -f /usr/lib/pcsc/drivers/serial/libifdvpcd.so ]] || needed+=(vsmartcard-vpcd)
command -v pkcs11-tool >/dev/null 2>&1 || needed+=(opensc)
command -v yubico-piv-tool >/dev/null 2>&1 || needed+=(yubico-piv-tool)
command -v pcsc_scan >/dev/null 2>&1 || needed+=(pcsc-tools)
apt_install_missing "${needed[@]}"
[[ -f /etc/reader.conf.d/vpcd ]] || { log "/etc/reader.conf.d/vpcd is missing (it comes with vsmartcard-vpcd)"; exit 69; }

pcscd_bin=$(command -v pcscd || echo /usr/sbin/pcscd)

# Whether something listens on a TCP port, from /proc (connecting to vpcd would insert a card).
listening() {
    local hex
    hex=$(printf '%04X' "$1")
    cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk -v p=":$hex" '$2 ~ p"$" && $4 == "0A" { found=1 } END { exit !found }'
}
work_dir=$(mktemp -d /tmp/cardactors-pcscd.XXXXXX)
server=""

stop_started() {
    if [[ -n "$server" ]] && kill -0 "$server" 2>/dev/null; then
        kill -TERM "$server" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
    fi
    rm -rf "$work_dir"
}

if pgrep -x pcscd >/dev/null 2>&1; then
    log "pcscd is running already (pid $(pgrep -x pcscd | head -n 1)); using it"
else
    # --foreground: no daemon, so this script owns it; no --auto-exit, so it stays between tests.
    "$pcscd_bin" --foreground >"$work_dir/pcscd.log" 2>&1 &
    server=$!
fi

for _ in $(seq 1 100); do
    if listening 35963 && listening 35964; then
        break
    fi
    if [[ -n "$server" ]] && ! kill -0 "$server" 2>/dev/null; then
        cat "$work_dir/pcscd.log" >&2 || true
        log "pcscd exited"
        exit 70
    fi
    sleep 0.1
done
if ! listening 35963; then
    cat "$work_dir/pcscd.log" >&2 2>/dev/null || true
    log "vpcd is not listening on 35963 after 10 s"
    exit 70
fi

export CARDACTORS_TEST_PCSCD=1
export CARDACTORS_TEST_VPCD_PORTS="35963 35964"
log "pcscd with vpcd readers on 127.0.0.1:35963 and :35964"

run_command "$@"
