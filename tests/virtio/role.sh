# Run by each Linux guest from its own virtio disk (tests/virtio/run.sh puts
# it there): role a (10.0.0.1, writable disk) receives a file over the
# virtual network, role b (10.0.0.2, read-only disk) sends 10 MB of random
# bytes. Every result is one line the runner greps.
role=$1
me=10.0.0.1 peer=10.0.0.2
[ "$role" = b ] && me=10.0.0.2 peer=10.0.0.1
echo "DISK $role sha256 $(sha256sum /mnt/hello.txt | cut -d' ' -f1)"
if [ "$role" = a ]; then
	echo written >/mnt/new.txt && sync && echo "WRITE a $(cat /mnt/new.txt)"
else
	touch /mnt/new.txt 2>/dev/null && echo "WRITE b accepted" || echo "WRITE b refused"
	dd if=/dev/zero of=/dev/vda bs=512 count=1 conv=fsync 2>/dev/null &&
		echo "RAW b accepted" || echo "RAW b refused"
	echo "RO b $(cat /sys/block/vda/ro)"
fi
ip link set eth0 up && ip addr add "$me/24" dev eth0
echo "NET $role mac $(cat /sys/class/net/eth0/address)"
n=0
until ping -c 1 -W 1 "$peer" >/dev/null 2>&1 || [ $n -ge 60 ]; do n=$((n + 1)); done
echo "PING $role $(ping -c 5 "$peer" | grep 'packets transmitted')"
if [ "$role" = a ]; then
	timeout 120 nc -l -p 5000 >/tmp/recv
	echo "RECV a $(wc -c </tmp/recv) $(sha256sum </tmp/recv | cut -d' ' -f1)"
else
	dd if=/dev/urandom of=/tmp/big bs=1M count=10 2>/dev/null
	echo "SENT b $(wc -c </tmp/big) $(sha256sum </tmp/big | cut -d' ' -f1)"
	n=0
	until timeout 120 nc "$peer" 5000 </tmp/big || [ $n -ge 30 ]; do n=$((n + 1)); sleep 1; done
fi
