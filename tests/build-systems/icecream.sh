#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# icecream on this machine: a scheduler and two daemons on 127.0.0.1 (one
# that only submits, one that compiles "remotely" in its chroot, as on
# another host), the GCC plugin, the baseline and the version script
# shipped in the compiler environment (icecc-create-env --addfile), every
# path absolute. The public headers and the sources go in too: the plugin
# resolves the paths the preprocessed input names on disk
# (docs/integration.md). A remote compile embeds the same summary as a local one;
# a break fails with the same errors as a local compile; an environment
# whose baseline is stale is refused remotely and the unit compiled here.
#
# Skipped, with the reason, when icecream cannot compile remotely here:
# the remote daemon needs CAP_SYS_CHROOT (root) to accept jobs, and the
# scheduler gives no job to a host whose CPUs are fully used.
#
#   icecream.sh EXAMPLE ABIGUARD GCC_PLUGIN CLANG_PLUGIN
source "$(dirname "$0")/lib.bash"
for tool in icecc iceccd icecc-scheduler icecc-create-env; do
	command -v "$tool" >/dev/null || skip "$tool is not installed"
done
[ "$(id -u)" = 0 ] ||
	skip "iceccd accepts remote jobs only with CAP_SYS_CHROOT (as root); as $(id -un) no remote compile can be tested"

for v in $(compgen -e ICECC); do unset "$v"; done
unset ABIGUARD_OPTIONS
ice=$work/ice
mkdir -p "$ice"
chmod 755 "$work"
chmod 777 "$ice" # the daemons write their logs as nobody

# Ports nobody listens on; a network name of our own.
free_port() {
	local port
	while :; do
		port=$((30000 + RANDOM % 30000))
		ss -ltn 2>/dev/null | grep -q ":$port " ||
			ss -ltn 2>/dev/null | grep -q ":$((port + 1)) " || break
	done
	echo "$port"
}
sport=$(free_port)
dport=$(free_port)
net=abiguard-test-$$
pids=()
stop_icecream() {
	local pid
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
	rm -rf "$work"
}
trap stop_icecream EXIT

icecc-scheduler -p "$sport" -n "$net" -l "$ice/scheduler.log" -vvv &
pids+=($!)
start_daemon() {
	local name=$1
	shift
	ICECC_TEST_SOCKET=$ice/socket-$name iceccd -n "$net" -N "$name" \
		-s "127.0.0.1:$sport" -b "$ice/envs-$name" \
		-l "$ice/$name.log" -m 1 -u nobody -vvv "$@" &
	pids+=($!)
}
start_daemon submitter --no-remote
start_daemon compiler -p "$dport"
for _ in $(seq 60); do
	[ "$(grep -c "login .* protocol version" "$ice/scheduler.log" 2>/dev/null)" = 2 ] && break
	sleep 0.5
done
[ "$(grep -c "login .* protocol version" "$ice/scheduler.log" 2>/dev/null)" = 2 ] ||
	skip "the icecream daemons did not log in to the scheduler"
grep -q "Cannot use chroot" "$ice/compiler.log" &&
	skip "iceccd cannot chroot here, so it accepts no remote jobs"

prepare_library
flags=(-fPIC -Wall -Wextra -I"$lib/include" -fplugin="$gcc_plugin"
	-fplugin-arg-abiguard-baseline="$baseline"
	-fplugin-arg-abiguard-version-script="$lib/demo.map"
	-fplugin-arg-abiguard-public="$lib/include"
	-fplugin-arg-abiguard-root="$lib")

# A compiler environment with the plugin and abiguard's inputs as they are
# now, at their absolute paths.
make_environment() {
	(cd "$ice" && rm -f ./*.tar.gz &&
		icecc-create-env --gcc "$(command -v gcc)" "$(command -v g++)" \
			--addfile "$gcc_plugin" --addfile "$baseline" \
			--addfile "$lib/demo.map" \
			--addfile "$lib/include/demo.h" \
			--addfile "$lib/src/demo.c" >/dev/null) ||
		fail "icecc-create-env"
	local env=("$ice"/*.tar.gz)
	mv "${env[0]}" "$ice/$1.tar.gz"
}

# icecc_compile ENV OBJECT: compile demo.c through icecream, preferring
# the compiling daemon; the client's log in $ice/client.log.
icecc_compile() {
	rm -f "$ice/client.log"
	(cd "$lib" && ICECC_TEST_SOCKET=$ice/socket-submitter \
		ICECC_TEST_REMOTEBUILD=1 ICECC_PREFERRED_HOST=compiler \
		ICECC_VERSION=$ice/$1.tar.gz ICECC_DEBUG=debug \
		ICECC_LOGFILE=$ice/client.log \
		timeout "${wait_for_host:-120}" \
		icecc gcc "${flags[@]}" -c "$lib/src/demo.c" -o "$2")
}
local_compile() {
	(cd "$lib" && gcc "${flags[@]}" -c "$lib/src/demo.c" -o "$1")
}
compiled_remotely() {
	! grep -q "<building_local>\|recompiling locally" "$ice/client.log"
}
note_of() {
	objcopy --dump-section .note.abiguard="$1.note" "$1" "$work/scratch.o"
	echo "$1.note"
}

# 1. A clean unit: compiled remotely, the same summary as a local build.
# The client waits minutes for a host; half a minute tells.
make_environment accepting
status=0
wait_for_host=30 icecc_compile accepting "$work/remote.o" >"$work/out" 2>&1 ||
	status=$?
if [ "$status" = 124 ] && grep -q "No suitable host found" "$ice/scheduler.log"; then
	skip "the scheduler found no host for the job within 30 s (load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) CPUs: icecream gives no job to a host whose CPUs are fully used); nothing was compiled remotely"
fi
[ "$status" = 0 ] || { cat "$work/out" "$ice/client.log" >&2; fail "icecc exited $status"; }
compiled_remotely || { cat "$ice/client.log" >&2; fail "icecream compiled locally"; }
expect_status 0 local_compile "$work/local.o"
[ -s "$(note_of "$work/local.o")" ] || fail "the local object has no summary"
cmp -s "$(note_of "$work/remote.o")" "$(note_of "$work/local.o")" ||
	fail "the remote object's summary differs from the local one"

# 2. A break: the same errors as a local compile. (GCC's remote
# diagnostics make icecream redo the compile here, so the user sees a
# local compile's output, the plugin's errors included.)
cp "$original" "$baseline"
make_environment original
expect_status 1 local_compile "$work/local.o"
mv "$work/out" "$work/local.err"
expect_status 1 icecc_compile original "$work/remote.o"
grep -q "recompiling locally" "$ice/client.log" ||
	fail "icecream did not redo the failed remote compile here"
grep -q "\[released-type-changed\]" "$work/out" ||
	fail "the break was not reported through icecream"
diff -u "$work/local.err" "$work/out" ||
	fail "icecream reported other errors than a local compile"

# 3. A stale environment (its baseline is the accepting one): the remote
# plugin refuses the unit, icecream compiles it here, the break is found.
expect_status 1 icecc_compile accepting "$work/remote.o"
diff -u "$work/local.err" "$work/out" ||
	fail "a stale compiler environment changed the errors"
echo PASS
