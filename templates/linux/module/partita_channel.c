// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * partita_channel: Linux driver for Partita channel ends ("partita,channel"
 * device-tree nodes the builder writes into each guest's DTB). One misc
 * device /dev/partita-<channel> per end: read/write/mmap of the shared
 * memory (mapped write-combining, i.e. Normal non-cacheable, so a peer that
 * runs with its MMU off sees every byte), PCHAN_IOC_NOTIFY rings the peer
 * (hvc PARTITA_HVC_NOTIFY, schema/hypercalls.md), PCHAN_IOC_WAIT and poll()
 * wait for this end's doorbell interrupt.
 */
#include <linux/arm-smccc.h>
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

#include "partita_channel_uapi.h"

#define PARTITA_HVC_NOTIFY 0xC6000001u

struct pchan {
	struct miscdevice misc;
	char devname[48];
	void *mem;
	phys_addr_t pa;
	resource_size_t size;
	u32 slot;
	int irq;
	atomic_t doorbells;
	wait_queue_head_t wq;
	const char *name;
	const char *peer;
};

/* per open file: the doorbell count it has seen */
struct pchan_file {
	struct pchan *ch;
	u32 seen;
};

static irqreturn_t pchan_irq(int irq, void *data)
{
	struct pchan *ch = data;

	atomic_inc(&ch->doorbells);
	wake_up_interruptible(&ch->wq);
	return IRQ_HANDLED;
}

static int pchan_open(struct inode *inode, struct file *file)
{
	struct pchan *ch = container_of(file->private_data, struct pchan, misc);
	struct pchan_file *pf = kzalloc(sizeof(*pf), GFP_KERNEL);

	if (!pf)
		return -ENOMEM;
	pf->ch = ch;
	pf->seen = atomic_read(&ch->doorbells);
	file->private_data = pf;
	return 0;
}

static int pchan_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static ssize_t pchan_read(struct file *file, char __user *buf, size_t len, loff_t *pos)
{
	struct pchan *ch = ((struct pchan_file *)file->private_data)->ch;

	if (*pos < 0 || *pos >= ch->size)
		return 0;
	len = min_t(size_t, len, ch->size - *pos);
	if (copy_to_user(buf, ch->mem + *pos, len))
		return -EFAULT;
	*pos += len;
	return len;
}

static ssize_t pchan_write(struct file *file, const char __user *buf, size_t len,
			   loff_t *pos)
{
	struct pchan *ch = ((struct pchan_file *)file->private_data)->ch;

	if (*pos < 0 || *pos >= ch->size)
		return len ? -ENOSPC : 0;
	len = min_t(size_t, len, ch->size - *pos);
	if (copy_from_user(ch->mem + *pos, buf, len))
		return -EFAULT;
	*pos += len;
	return len;
}

static loff_t pchan_llseek(struct file *file, loff_t off, int whence)
{
	struct pchan *ch = ((struct pchan_file *)file->private_data)->ch;

	return fixed_size_llseek(file, off, whence, ch->size);
}

static int pchan_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct pchan *ch = ((struct pchan_file *)file->private_data)->ch;
	unsigned long len = vma->vm_end - vma->vm_start;
	unsigned long off = vma->vm_pgoff << PAGE_SHIFT;

	if (off >= ch->size || len > ch->size - off)
		return -EINVAL;
	vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	return remap_pfn_range(vma, vma->vm_start, (ch->pa + off) >> PAGE_SHIFT, len,
			       vma->vm_page_prot);
}

/* the runtime's answer (layout.h PARTITA_HVC_*) as an errno */
static long pchan_notify(struct pchan *ch)
{
	struct arm_smccc_res res;

	wmb();   /* shared-memory writes before the doorbell */
	arm_smccc_1_1_hvc(PARTITA_HVC_NOTIFY, ch->slot, &res);
	switch ((long)res.a0) {
	case 0: return 0;
	case -2: return -ENOENT;    /* BAD_SLOT */
	case -3: return -EPERM;     /* DENIED: this end may not notify */
	default: return -EOPNOTSUPP;
	}
}

static long pchan_wait(struct pchan_file *pf, struct pchan_wait __user *uw)
{
	struct pchan *ch = pf->ch;
	struct pchan_wait w;
	long left;
	u32 now;

	if (copy_from_user(&w, uw, sizeof(w)))
		return -EFAULT;
	left = wait_event_interruptible_timeout(ch->wq,
		(u32)atomic_read(&ch->doorbells) != pf->seen, msecs_to_jiffies(w.timeout_ms));
	if (left < 0)
		return left;
	now = atomic_read(&ch->doorbells);
	w.count = now - pf->seen;
	pf->seen = now;
	rmb();   /* the peer's writes before its doorbell are visible now */
	return copy_to_user(uw, &w, sizeof(w)) ? -EFAULT : 0;
}

static long pchan_info(struct pchan *ch, struct pchan_info __user *ui)
{
	struct pchan_info i = {
		.size = ch->size, .ipa = ch->pa, .slot = ch->slot,
		.intid = irqd_to_hwirq(irq_get_irq_data(ch->irq)),
		.doorbells = atomic_read(&ch->doorbells),
	};

	strscpy(i.name, ch->name, sizeof(i.name));
	strscpy(i.peer, ch->peer, sizeof(i.peer));
	return copy_to_user(ui, &i, sizeof(i)) ? -EFAULT : 0;
}

static long pchan_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct pchan_file *pf = file->private_data;

	switch (cmd) {
	case PCHAN_IOC_INFO: return pchan_info(pf->ch, (void __user *)arg);
	case PCHAN_IOC_NOTIFY: return pchan_notify(pf->ch);
	case PCHAN_IOC_WAIT: return pchan_wait(pf, (void __user *)arg);
	default: return -ENOTTY;
	}
}

static __poll_t pchan_poll(struct file *file, poll_table *pt)
{
	struct pchan_file *pf = file->private_data;

	poll_wait(file, &pf->ch->wq, pt);
	return (u32)atomic_read(&pf->ch->doorbells) != pf->seen ? EPOLLIN | EPOLLRDNORM : 0;
}

static const struct file_operations pchan_fops = {
	.owner = THIS_MODULE,
	.open = pchan_open,
	.release = pchan_release,
	.read = pchan_read,
	.write = pchan_write,
	.llseek = pchan_llseek,
	.mmap = pchan_mmap,
	.unlocked_ioctl = pchan_ioctl,
	.poll = pchan_poll,
};

static int pchan_parse(struct platform_device *pdev, struct pchan *ch)
{
	struct device_node *np = pdev->dev.of_node;
	struct resource *r = platform_get_resource(pdev, IORESOURCE_MEM, 0);

	if (!r || of_property_read_u32(np, "partita,slot", &ch->slot) ||
	    of_property_read_string(np, "partita,channel", &ch->name))
		return dev_err_probe(&pdev->dev, -EINVAL, "reg, partita,slot or partita,channel missing\n");
	if (of_property_read_string(np, "partita,peer", &ch->peer))
		ch->peer = "";
	ch->pa = r->start;
	ch->size = resource_size(r);
	ch->irq = platform_get_irq(pdev, 0);
	return ch->irq < 0 ? ch->irq : 0;
}

static int pchan_probe(struct platform_device *pdev)
{
	struct pchan *ch = devm_kzalloc(&pdev->dev, sizeof(*ch), GFP_KERNEL);
	int err;

	if (!ch)
		return -ENOMEM;
	err = pchan_parse(pdev, ch);
	if (err)
		return err;
	ch->mem = devm_memremap(&pdev->dev, ch->pa, ch->size, MEMREMAP_WC);
	if (IS_ERR(ch->mem))
		return PTR_ERR(ch->mem);
	init_waitqueue_head(&ch->wq);
	err = devm_request_irq(&pdev->dev, ch->irq, pchan_irq, 0, dev_name(&pdev->dev), ch);
	if (err)
		return err;
	snprintf(ch->devname, sizeof(ch->devname), "partita-%s", ch->name);
	ch->misc = (struct miscdevice){ .minor = MISC_DYNAMIC_MINOR, .name = ch->devname,
					.fops = &pchan_fops, .parent = &pdev->dev };
	err = misc_register(&ch->misc);
	if (err)
		return err;
	platform_set_drvdata(pdev, ch);
	dev_info(&pdev->dev, "channel %s: %pa size %pa slot %u irq %d peer %s -> /dev/%s\n",
		 ch->name, &ch->pa, &ch->size, ch->slot, ch->irq, ch->peer, ch->devname);
	return 0;
}

static int pchan_remove(struct platform_device *pdev)
{
	struct pchan *ch = platform_get_drvdata(pdev);

	misc_deregister(&ch->misc);
	return 0;
}

static const struct of_device_id pchan_of_match[] = {
	{ .compatible = "partita,channel" },
	{ }
};
MODULE_DEVICE_TABLE(of, pchan_of_match);

static struct platform_driver pchan_driver = {
	.probe = pchan_probe,
	.remove = pchan_remove,
	.driver = { .name = "partita-channel", .of_match_table = pchan_of_match },
};
module_platform_driver(pchan_driver);

MODULE_DESCRIPTION("Partita channel ends: shared memory and doorbells");
MODULE_LICENSE("Dual MIT/GPL");
