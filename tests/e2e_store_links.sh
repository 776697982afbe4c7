#!/usr/bin/env bash
# wijkstem-store links no Dear ImGui, GLFW or OpenGL (DESIGN.md, "The parts"): not one ImGui
# symbol in the binary, and no UI library among what it loads.
# Usage: e2e_store_links.sh WIJKSTEM_STORE
set -euo pipefail
STORE=$1
fail() { echo "FAIL: $*" >&2; exit 1; }
[ -x "$STORE" ] || fail "no binary at $STORE"
symbols=$(nm -C "$STORE" | wc -l)
[ "$symbols" -gt 100 ] || fail "nm found only $symbols symbols in $STORE (stripped?): nothing would be checked"
n=$(nm -C "$STORE" | grep -c 'ImGui::' || true)
[ "$n" = 0 ] || fail "wijkstem-store holds $n ImGui symbols: $(nm -C "$STORE" | grep 'ImGui::' | head -3)"
libs=$(ldd "$STORE")
echo "$libs" | grep -Eq 'libglfw|libGL\.|libGLX|libOpenGL|libimgui' && fail "wijkstem-store loads a UI library: $libs"
echo "ok: wijkstem-store has $symbols symbols, none of ImGui, and loads no GLFW or OpenGL"
