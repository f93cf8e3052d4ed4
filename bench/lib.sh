# What the bench scripts share; sourced, not run. The script sets `prog` (its name, for
# messages) and `self` (its path: its header comment is its --help) before sourcing this.

# die MESSAGE...: prints "prog: MESSAGE" on stderr and exits 1.
die() {
  echo "$prog: $*" >&2
  exit 1
}

# print_usage: the script's header comment (from line 2 to `set -euo`) without its '#'.
print_usage() {
  sed -n '2,/^set -euo/p' "$self" | sed '$d; s/^# \{0,1\}//'
}

# option_value WHAT "$@": reads the value of the option in $1, given as "--name=value" or as
# "--name value", into opt_value, and how many arguments that took into opt_shift. Dies with
# "--name needs WHAT" when "--name" comes last with no value.
option_value() {
  local what=$1
  shift
  if [[ $1 == *=* ]]; then
    opt_value=${1#*=}
    opt_shift=1
  elif (($# >= 2)); then
    opt_value=$2
    opt_shift=2
  else
    die "$1 needs $what"
  fi
}

# is_positive VALUE: whether VALUE is a whole number above 0, written plainly (no sign, no
# leading zero).
is_positive() {
  [[ $1 =~ ^[1-9][0-9]*$ ]]
}

# need_tools TOOL...: dies naming the first TOOL not on PATH.
need_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool not found (see scripts/install-deps)"
  done
}

# cleanup_on_exit FUNCTION: runs FUNCTION when the script exits, also on Ctrl-C, TERM and HUP
# (which exit with 130, 143 and 129, as the shell would).
cleanup_on_exit() {
  trap "$1" EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP
}
