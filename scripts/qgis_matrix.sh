#!/usr/bin/env bash
# The QGIS version matrix: `make test` and `make demo` inside a Debian chroot for each Debian
# release the host is not, so any machine covers QGIS 3.22 (Debian 12 bookworm), 3.40 (Debian 13
# trixie) and 3.44+ (Debian testing).
#
# Each chroot is built once from Debian's archive with debootstrap (as root) and kept outside the
# work tree ($KR8310_CHROOTS, default /var/lib/kr8310-chroots); later runs reuse it. Inside, the
# project's own Makefile installs the Debian packages and the venv, exactly as on a fresh machine,
# so the matrix also proves the README's two commands need nothing done by hand.
#
# Usage: scripts/qgis_matrix.sh [--build-only] [SUITE ...]
#        (default: every suite of the matrix but the host's; --build-only: build the chroots, run nothing)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CHROOTS="${KR8310_CHROOTS:-/var/lib/kr8310-chroots}"
MIRROR="${KR8310_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
LOG_DIR="$ROOT/build/matrix"
MATRIX_SUITES=(bookworm trixie testing)
# Only what debootstrap needs for the Makefile to take over (it installs QGIS, PostgreSQL, ...).
BASE_PACKAGES=ca-certificates,make,python3,git,locales

log() { printf '[matrix] %s\n' "$*" >&2; }

if [ "$(id -u)" != 0 ]; then
    exec sudo --preserve-env=CI,KR8310_CHROOTS,KR8310_DEBIAN_MIRROR "$0" "$@"
fi

host_suite() {
    # Debian testing names itself by the next release's codename; the matrix calls it "testing".
    . /etc/os-release
    case "${VERSION_CODENAME:-}" in
        bookworm | trixie) echo "$VERSION_CODENAME" ;;
        *) if grep -q '/sid' /etc/debian_version 2>/dev/null; then echo testing; else echo "${VERSION_CODENAME:-unknown}"; fi ;;
    esac
}

ensure_debootstrap() {
    command -v debootstrap >/dev/null && return
    log "installing debootstrap"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap >/dev/null
}

build_chroot() {
    local suite="$1" dir="$CHROOTS/$1"
    [ -e "$dir/.kr8310-ready" ] && return
    ensure_debootstrap
    log "building the $suite chroot in $dir (once; reused afterwards)"
    rm -rf "$dir.partial"
    mkdir -p "$CHROOTS"
    debootstrap --variant=minbase --include="$BASE_PACKAGES" "$suite" "$dir.partial" "$MIRROR" \
        >"$LOG_DIR/debootstrap-$suite.log" 2>&1 || {
        tail -20 "$LOG_DIR/debootstrap-$suite.log" >&2
        return 1
    }
    # Debian testing's Release file can carry a Valid-Until date already past; apt refuses it.
    echo 'Acquire::Check-Valid-Until "false";' >"$dir.partial/etc/apt/apt.conf.d/99kr8310-valid-until"
    echo 'C.UTF-8 UTF-8' >>"$dir.partial/etc/locale.gen"
    rm -rf "$dir"
    mv "$dir.partial" "$dir"
    touch "$dir/.kr8310-ready"
}

# The host's extra CA certificates (a TLS-inspecting proxy's, say) go into the chroot's store,
# so pip inside trusts what pip outside trusts.
copy_host_certificates() {
    local dir="$1"
    if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
        mkdir -p "$dir/usr/local/share/ca-certificates"
        cp /usr/local/share/ca-certificates/*.crt "$dir/usr/local/share/ca-certificates/"
        chroot "$dir" update-ca-certificates >/dev/null 2>&1 || true
    fi
    cp -L /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true
}

mount_chroot() {
    local dir="$1"
    mountpoint -q "$dir/proc" || mount -t proc proc "$dir/proc"
    mountpoint -q "$dir/sys" || mount -t sysfs sys "$dir/sys"
    mountpoint -q "$dir/dev" || { mount --rbind /dev "$dir/dev" && mount --make-rslave "$dir/dev"; }
    mkdir -p "$dir/tmp" && chmod 1777 "$dir/tmp"
}

unmount_chroot() {
    local dir="$1"
    for point in dev sys proc; do
        mountpoint -q "$dir/$point" && umount -R -l "$dir/$point" || true
    done
}

# The work tree as a fresh clone would have it (tracked files plus new ones git does not ignore),
# over the copy of the last run, whose .venv is kept so pip does not run again.
copy_work_tree() {
    local dir="$1" target="$1/root/kr8310"
    mkdir -p "$target"
    find "$target" -mindepth 1 -maxdepth 1 ! -name .venv -exec rm -rf {} +
    (cd "$ROOT" && git ls-files -z --cached --others --exclude-standard | xargs -0 -r tar -cf - --) |
        tar -xf - -C "$target"
}

run_suite() {
    local suite="$1" dir="$CHROOTS/$1" log_file="$LOG_DIR/$1.log" started
    started=$(date +%s)
    build_chroot "$suite"
    copy_host_certificates "$dir"
    copy_work_tree "$dir"
    mount_chroot "$dir"
    trap 'unmount_chroot "'"$dir"'"' RETURN
    log "$suite: make test, then make demo (log: $log_file)"
    local status=0
    chroot "$dir" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        LANG=C.UTF-8 CI="${CI:-}" TERM=dumb /bin/bash -c 'cd /root/kr8310 && make test && make demo' \
        >"$log_file" 2>&1 || status=$?
    local qgis_version
    qgis_version=$(chroot "$dir" /usr/bin/dpkg-query -W -f='${Version}' qgis 2>/dev/null || echo '?')
    # pytest's closing line, so the matrix summary says what ran where.
    local summary
    summary=$(grep -E '^=+ .*(passed|failed|error).* in [0-9.]+s' "$log_file" | tail -1 || true)
    log "$suite (QGIS $qgis_version): ${summary:-no pytest summary} — exit $status, $(($(date +%s) - started)) s"
    if [ "$status" != 0 ]; then
        tail -40 "$log_file" >&2
    fi
    return "$status"
}

main() {
    mkdir -p "$LOG_DIR"
    local build_only=0
    if [ "${1:-}" = --build-only ]; then build_only=1; shift; fi
    local host suites=("$@")
    host=$(host_suite)
    if [ ${#suites[@]} = 0 ]; then
        for suite in "${MATRIX_SUITES[@]}"; do
            [ "$suite" = "$host" ] || suites+=("$suite")
        done
    fi
    log "host: Debian $host; chroots: ${suites[*]}"
    local failed=0
    for suite in "${suites[@]}"; do
        if [ "$build_only" = 1 ]; then build_chroot "$suite" || failed=1; continue; fi
        run_suite "$suite" || failed=1
    done
    return "$failed"
}

main "$@"
