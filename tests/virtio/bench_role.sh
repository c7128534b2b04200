# Benchmark roles (tests/virtio/bench.sh), run from each guest's disk. Times
# come from /proc/uptime (10 ms), which under -icount counts instructions.
# a (10.0.0.1): ping latency to b, then a TCP transfer between two processes
# inside a over loopback, then receives b's transfer. b (10.0.0.2): waits
# for a, then sends the same bytes to a over the virtual switch, then over
# vsock (partita-vsock from the disk; a's context id is 3; the receiving
# tool checksums what arrives, which nc does not).
role=$1 mb=${2:-32}
me=10.0.0.1 peer=10.0.0.2
[ "$role" = b ] && me=10.0.0.2 peer=10.0.0.1
ip link set lo up
ip link set eth0 up && ip addr add "$me/24" dev eth0
up() { cut -d' ' -f1 /proc/uptime; }
# rate T0 T1: MB/s for $mb MB, with two decimals
rate() { awk -v a="$1" -v b="$2" -v n="$mb" 'BEGIN { d = b - a; if (d <= 0) d = 0.01; printf "%.2f", n / d }'; }
dd if=/dev/zero of=/tmp/big bs=1M count="$mb" 2>/dev/null
n=0
until ping -c 1 -W 1 "$peer" >/dev/null 2>&1 || [ $n -ge 60 ]; do n=$((n + 1)); done
if [ "$role" = a ]; then
	echo "BENCH ping $(ping -c 20 "$peer" | sed -n 's|.*min/avg/max = [0-9.]*/\([0-9.]*\)/.*|avg_ms=\1|p')"
	# a background job's stdin is /dev/null, whose EOF ends nc: feed it a pipe
	(sleep 600 | nc -l -p 6000 | wc -c >/tmp/got) &
	sleep 1
	t0=$(up)
	nc 127.0.0.1 6000 </tmp/big
	until [ -s /tmp/got ]; do sleep 0.01; done
	t1=$(up)
	echo "BENCH loopback ${mb}MB $(rate "$t0" "$t1") MB/s ($(cat /tmp/got) bytes, $t0 -> $t1 s)"
	echo "BENCH switch received $(nc -l -p 5000 | wc -c) bytes"
	/mnt/partita-vsock listen 7000 600 | sed 's/^VSOCK /BENCH vsock /'
else
	sleep 25
	n=0
	t0=$(up)
	until nc "$peer" 5000 </tmp/big || [ $n -ge 30 ]; do
		n=$((n + 1)); sleep 1; t0=$(up)
	done
	t1=$(up)
	echo "BENCH switch ${mb}MB $(rate "$t0" "$t1") MB/s ($t0 -> $t1 s)"
	sleep 5     # a listens on vsock as soon as its nc is done
	t0=$(up)
	/mnt/partita-vsock send 3 7000 0 30 </tmp/big >/tmp/vsock.out
	t1=$(up)
	echo "BENCH vsock ${mb}MB $(rate "$t0" "$t1") MB/s ($t0 -> $t1 s; $(tr '\n' ' ' </tmp/vsock.out))"
fi
