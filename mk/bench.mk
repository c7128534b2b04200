# SPDX-License-Identifier: MIT
# `make bench`: every benchmark (tests/bench/), then BENCHMARKS.md. Not part
# of `make test`; about five minutes here. The Linux figures need the Debian
# payloads and the channel module, the GEM figure the ZCU102 tree, so bench
# builds them like `make test`.
.PHONY: bench
bench: deps all guests guest-modules boards
	$(Q)sh tests/bench/report.sh
