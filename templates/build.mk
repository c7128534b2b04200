# SPDX-License-Identifier: MIT
# Guest payloads: `make guests` fetches Debian's arm64 kernel and busybox and
# builds images/guests/linux/{Image,initramfs.cpio.gz}. Filled in by
# templates/linux/.
-include templates/linux/guests.mk
