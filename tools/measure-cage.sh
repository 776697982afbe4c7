#!/usr/bin/env bash
# Measures the kiosk in cage's headless backend (docs/install.md, "Xwayland or native
# Wayland"): seconds from cage's start to the kiosk's exit after an attract-screen
# screenshot, and the kiosk's peak RSS. Run as root (it runs cage as nobody).
# Usage: tools/measure-cage.sh WIJKSTEM RUNS [LD_LIBRARY_PATH]   (the third: a libglfw3-wayland
# unpacked with dpkg-deb -x, e.g. DIR/usr/lib/x86_64-linux-gnu)
set -uo pipefail
bin=$1 runs=$2 libs=${3:-}
for i in $(seq "$runs"); do
  rt=$(mktemp -d) d=$(mktemp -d)
  chmod 700 "$rt" "$d"; chown nobody:nogroup "$rt" "$d"
  printf 'expect-screen attract\nscreenshot %s/shot.png\n' "$d" > "$d/s.script"; chmod 644 "$d/s.script"
  extra=()
  [ -n "$libs" ] && extra=(LD_LIBRARY_PATH="$libs")
  s=$(date +%s.%N)
  env -i PATH=/usr/bin:/bin HOME="$d" XDG_RUNTIME_DIR="$rt" WLR_BACKENDS=headless WLR_RENDERER=pixman \
    WLR_LIBINPUT_NO_DEVICES=1 "${extra[@]}" setpriv --reuid=nobody --regid=nogroup --clear-groups \
    cage -- /usr/bin/time -f "rss_kb=%M" "$bin" --no-sync --data "$d" --script "$d/s.script" > "$d/log" 2>&1
  rc=$?
  e=$(date +%s.%N)
  echo "rc=$rc secs=$(awk -v a="$s" -v b="$e" 'BEGIN { printf "%.2f", b - a }') $(grep -o 'rss_kb=[0-9]*' "$d/log")" \
       "screenshot=$([ -s "$d/shot.png" ] && echo yes || echo no)"
  [ -s "$d/shot.png" ] || tail -3 "$d/log"
  rm -rf "$rt" "$d"
done
