#!/bin/bash
# Stand-in ExaBGP process: announces each argument ("IP=MED") once, then drains
# stdin (a process that stops reading freezes ExaBGP). Exits on stdin EOF
# (ExaBGP SIGKILLed) and on SIGTERM (ExaBGP waits for its processes).
trap 'exit 0' TERM INT HUP
for a in "$@"; do
    printf 'announce route %s/128 next-hop self med %s\n' "${a%%=*}" "${a##*=}"
done
while read -r line; do :; done
