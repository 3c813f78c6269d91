#!/usr/bin/env bash
# Runs the coverage-guided fuzz targets (fuzz_targets/*.rs) for SECONDS each, seeded
# with the conformance programs; fails on the first finding, whose input libFuzzer
# saves under fuzz/artifacts/TARGET/. `.ci/run` runs it briefly; a campaign runs it for
# hours (README.md).
#
#   fuzz/targets.sh SECONDS [TARGET...]      (default: every target)
#
# FUZZ_SEED=N fixes libFuzzer's random seed (CI does, so that a run is repeatable).
# cargo fuzz is installed if missing; it runs on stable Rust with `-s none` (coverage
# instrumentation without a sanitizer: Rust code needs none to catch memory errors).
# Where the machine allows it, each run is sandboxed in new mount, PID and network
# namespaces with the file system read-only but for fuzz/, so that a generated program
# cannot change the machine even if it gets past the run target's own refusals (every
# other mount is made read-only too, where the kernel lets it be remounted).
set -euo pipefail
cd "$(dirname "$0")"

seconds=${1:?usage: fuzz/targets.sh SECONDS [TARGET...]}
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(lexer parser checker compiler run)

# FUZZ_PREBUILT=1 runs the targets as last built (a campaign beside ongoing edits).
if [ -z "${FUZZ_PREBUILT:-}" ]; then
    command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
    cargo fuzz build -s none >/dev/null
fi

bin=target/$(rustc -vV | sed -n 's/^host: //p')/release
sandbox=(unshare --mount --pid --fork --net --mount-proc bash -c
    'mount --make-rprivate / && mount --bind "$0" "$0" && mount -o remount,bind,ro / &&
     for m in $(findmnt -rno TARGET | sort -u); do
         [ "$m" = "$0" ] || mount -o remount,bind,ro "$m" 2>/dev/null || true; done &&
     cd "$0" && exec "$@"' "$(pwd)")
if ! "${sandbox[@]}" true 2>/dev/null; then
    echo "fuzz/targets.sh: no namespaces here; the run target's refusals alone guard" >&2
    sandbox=()
fi

# The run target leaks what a dropped interpreter leaves in reference cycles, tens of
# kilobytes per program, so it runs in rounds of a bounded number of programs, each a
# fresh process; the others run in one piece.
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target" "artifacts/$target"
    start=$(date +%s)
    runs=0
    while :; do
        left=$(( seconds - ($(date +%s) - start) ))
        [ "$left" -gt 0 ] || break
        limit=()
        [ "$target" = run ] && limit=(-runs=5000)
        log=$(mktemp)
        if ! "${sandbox[@]}" "$bin/$target" "corpus/$target" ../tests/conformance \
            -artifact_prefix="artifacts/$target/" -dict=python.dict -seed="${FUZZ_SEED:-0}" \
            -max_total_time="$left" -timeout=20 -rss_limit_mb=4096 -close_fd_mask=3 \
            -print_final_stats=1 "${limit[@]}" > "$log" 2>&1; then
            tail -n 30 "$log"
            rm -f "$log"
            # The input again, with the program's own output (the panic message); it
            # fails again, which is what it is run to show, and the script exits 1 below.
            for found in artifacts/"$target"/*; do
                echo "== $found"
                "${sandbox[@]}" "$bin/$target" "$found" 2>&1 | tail -n 30 || true
            done
            echo "fuzz/targets.sh: $target found an input that fails: fuzz/artifacts/$target/" >&2
            exit 1
        fi
        done_runs=$(grep -oE '^Done [0-9]+' "$log" | grep -oE '[0-9]+' || echo 0)
        runs=$(( runs + done_runs ))
        rm -f "$log"
    done
    echo "$target: $runs inputs in $(( $(date +%s) - start )) s, no finding"
done
