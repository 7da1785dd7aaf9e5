/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL (reduced): scatterlists, as the virtio rings take buffers. */
#ifndef _LINUX_SCATTERLIST_H
#define _LINUX_SCATTERLIST_H

/*
 * A scatterlist entry names a piece of memory by page, offset and length,
 * so that a device can be handed its physical address.  Entries of a
 * table end at the one marked with sg_mark_end(); there is no chaining
 * of tables here (no user needs it).
 */
#include <linux/types.h>
#include <linux/bug.h>
#include <linux/mm.h>
#include <linux/string.h>

struct scatterlist {
	unsigned long page_link;	/* the page; bit 1: the last entry */
	unsigned int offset;
	unsigned int length;
};

#define SG_END		0x02UL
#define SG_PAGE_LINK_MASK	(~0x03UL)

static inline struct page *sg_page(struct scatterlist *sg)
{
	return (struct page *)(sg->page_link & SG_PAGE_LINK_MASK);
}

static inline bool sg_is_last(struct scatterlist *sg)
{
	return sg->page_link & SG_END;
}

static inline void sg_assign_page(struct scatterlist *sg, struct page *page)
{
	sg->page_link = (sg->page_link & SG_END) | (unsigned long)page;
}

static inline void sg_set_page(struct scatterlist *sg, struct page *page,
			       unsigned int len, unsigned int offset)
{
	sg_assign_page(sg, page);
	sg->offset = offset;
	sg->length = len;
}

/* @buf must be in the kernel's linear map (kmalloc, page_address). */
static inline void sg_set_buf(struct scatterlist *sg, const void *buf,
			      unsigned int buflen)
{
	BUG_ON(!virt_addr_valid(buf));
	sg_set_page(sg, virt_to_page(buf), buflen, offset_in_page(buf));
}

static inline void sg_mark_end(struct scatterlist *sg)
{
	sg->page_link |= SG_END;
}

static inline void sg_unmark_end(struct scatterlist *sg)
{
	sg->page_link &= ~SG_END;
}

/* The guest-physical address of the entry's first byte. */
static inline phys_addr_t sg_phys(struct scatterlist *sg)
{
	return ((phys_addr_t)page_to_pfn(sg_page(sg)) << PAGE_SHIFT) +
	       sg->offset;
}

static inline void *sg_virt(struct scatterlist *sg)
{
	return page_address(sg_page(sg)) + sg->offset;
}

static inline struct scatterlist *sg_next(struct scatterlist *sg)
{
	return sg_is_last(sg) ? NULL : sg + 1;
}

#define for_each_sg(sglist, sg, nr, __i)	\
	for (__i = 0, sg = (sglist); __i < (nr); __i++, sg = sg_next(sg))

static inline void sg_init_table(struct scatterlist *sgl, unsigned int nents)
{
	memset(sgl, 0, sizeof(*sgl) * nents);
	sg_mark_end(&sgl[nents - 1]);
}

static inline void sg_init_one(struct scatterlist *sg, const void *buf,
			       unsigned int buflen)
{
	sg_init_table(sg, 1);
	sg_set_buf(sg, buf, buflen);
}

#endif /* _LINUX_SCATTERLIST_H */
