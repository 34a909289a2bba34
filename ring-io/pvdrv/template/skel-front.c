// SPDX-License-Identifier: GPL-2.0
/*
 * skel: the user interface of the kit's template device class. Each device
 * device/skel/DEVID becomes /dev/skelDEVID, a misc device: write(fd, buf, n)
 * sends one SKEL_OP_ECHO request of n <= 4096 bytes and sleeps until it is
 * answered (returns n, or -EIO, -ENODEV, -EINTR, the back end's status);
 * the next read(fd, buf, n) returns the answered bytes. The ring, grants,
 * handshake and reconnection are pvfront's (front/pvfront.c).
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "pvfront.h"
#include "skel-ring.h"

static_assert(SKEL_DATA_MAX <= PVFRONT_DATA_MAX);
static_assert(SKEL_ENTRY_SIZE <= PVFRONT_ENTRY_MAX);

/* One per device: the misc device, alive from probe to remove. */
struct skel_dev {
	struct miscdevice misc;
	struct pvfront *pf;
	char name[32];
};

/* One per open file: holds the device (pvfront_get) past its removal. */
struct skel_file {
	struct pvfront *pf;
	struct mutex lock;	/* one request at a time per file */
	u32 avail;		/* answered bytes not yet read */
	u8 buf[SKEL_DATA_MAX];
};

static int skel_open(struct inode *inode, struct file *file)
{
	/* misc_open() left our miscdevice here, under the lock that
	 * misc_deregister() takes: the device cannot go meanwhile. */
	struct skel_dev *sd = container_of(file->private_data,
					   struct skel_dev, misc);
	struct skel_file *sf;

	sf = kzalloc(sizeof(*sf), GFP_KERNEL);
	if (!sf)
		return -ENOMEM;
	mutex_init(&sf->lock);
	sf->pf = sd->pf;
	pvfront_get(sf->pf);
	file->private_data = sf;
	return stream_open(inode, file);
}

static int skel_release(struct inode *inode, struct file *file)
{
	struct skel_file *sf = file->private_data;

	pvfront_put(sf->pf);
	kfree(sf);
	return 0;
}

static ssize_t skel_write(struct file *file, const char __user *ubuf,
			  size_t n, loff_t *off)
{
	struct skel_file *sf = file->private_data;
	u32 out_len = 0;
	int rc;

	if (n == 0)
		return 0;
	if (n > SKEL_DATA_MAX)
		return -EINVAL;
	if (mutex_lock_interruptible(&sf->lock))
		return -EINTR;
	sf->avail = 0;
	if (copy_from_user(sf->buf, ubuf, n)) {
		rc = -EFAULT;
		goto out;
	}
	rc = pvfront_submit(sf->pf, SKEL_OP_ECHO, sf->buf, (u32)n, &out_len);
	if (!rc)
		sf->avail = out_len;
out:
	mutex_unlock(&sf->lock);
	return rc ? rc : (ssize_t)n;
}

/* The last answer, once: a second read returns 0. */
static ssize_t skel_read(struct file *file, char __user *ubuf, size_t n,
			 loff_t *off)
{
	struct skel_file *sf = file->private_data;
	size_t k;

	if (mutex_lock_interruptible(&sf->lock))
		return -EINTR;
	k = min_t(size_t, n, sf->avail);
	if (k && copy_to_user(ubuf, sf->buf, k)) {
		mutex_unlock(&sf->lock);
		return -EFAULT;
	}
	sf->avail = 0;
	mutex_unlock(&sf->lock);
	return (ssize_t)k;
}

static const struct file_operations skel_fops = {
	.owner = THIS_MODULE,
	.open = skel_open,
	.release = skel_release,
	.read = skel_read,
	.write = skel_write,
	.llseek = no_llseek,
};

static int skel_attach(struct pvfront *pf)
{
	struct skel_dev *sd;
	int rc;

	sd = kzalloc(sizeof(*sd), GFP_KERNEL);
	if (!sd)
		return -ENOMEM;
	sd->pf = pf;
	strscpy(sd->name, pvfront_name(pf), sizeof(sd->name));
	sd->misc.minor = MISC_DYNAMIC_MINOR;
	sd->misc.name = sd->name;
	sd->misc.fops = &skel_fops;
	sd->misc.mode = 0600;
	rc = misc_register(&sd->misc);
	if (rc) {
		kfree(sd);
		return rc;
	}
	pvfront_set_drvdata(pf, sd);
	return 0;
}

static void skel_detach(struct pvfront *pf)
{
	struct skel_dev *sd = pvfront_drvdata(pf);

	misc_deregister(&sd->misc);
	kfree(sd);
}

static struct pvfront_class skel_class = {
	.kind = SKEL_KIND,
	.entry_size = SKEL_ENTRY_SIZE,
	.req_size = sizeof(struct skel_request),
	.rsp_size = sizeof(struct skel_response),
	.attach = skel_attach,
	.detach = skel_detach,
};

static int __init skel_init(void)
{
	return pvfront_register(&skel_class);
}

static void __exit skel_exit(void)
{
	pvfront_unregister(&skel_class);
}

module_init(skel_init);
module_exit(skel_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("skel: kit template PV device, /dev/skelN echo front end");
MODULE_ALIAS("xen:" SKEL_KIND);
