// SPDX-License-Identifier: GPL-2.0 OR MIT
// hello: the smallest out-of-tree module, built against Debian's packaged
// headers to prove the recipe (vermagic, modversions) before channel
// drivers use it. Dual-licensed: the kernel taints for, and hides its
// GPL-only symbols from, modules without a GPL-compatible licence.
#include <linux/init.h>
#include <linux/module.h>

static int __init hello_init(void)
{
	pr_info("partita-hello: loaded\n");
	return 0;
}

static void __exit hello_exit(void)
{
	pr_info("partita-hello: unloaded\n");
}

module_init(hello_init);
module_exit(hello_exit);
MODULE_DESCRIPTION("Partita out-of-tree module build check");
MODULE_LICENSE("Dual MIT/GPL");
