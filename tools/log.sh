# shellcheck shell=bash
# Logging shared by the tool libraries (sourced, not executed). The library that sources this sets
# LOG_TAG first; every line goes to stderr as `[<tag>] ...`, so stdout stays for results.

log() { printf '[%s] %s\n' "$LOG_TAG" "$*" >&2; }
die() {
  printf '[%s] ERROR: %s\n' "$LOG_TAG" "$*" >&2
  exit 1
}

# Print the last lines of a log file to stderr (used on every failure path).
show_log_tail() {
  local f="$1" n="${2:-40}"
  if [[ -s "$f" ]]; then
    printf '[%s] ---- last %s lines of %s ----\n' "$LOG_TAG" "$n" "$f" >&2
    tail -n "$n" "$f" >&2
    printf '[%s] ---- end of %s ----\n' "$LOG_TAG" "$f" >&2
  fi
}
