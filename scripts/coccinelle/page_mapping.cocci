// SPDX-License-Identifier: GPL-2.0
/// page->mapping carries tag bits (PAGE_MAPPING_ANON, PAGE_MAPPING_MOVABLE):
/// code outside mm/ must not use it as an address_space.  Use
/// page_mapping(), which reads it once and strips the tags.
//
// Confidence: High
// Options: --no-includes --include-headers

virtual report

@r depends on report@
struct page *p;
struct address_space *as;
position pos;
@@

(
  as = p->mapping@pos;
|
  p->mapping@pos->a_ops
)

@script:python depends on report@
pos << r.pos;
@@

if not pos[0].file.startswith("mm/"):
    coccilib.report.print_report(pos[0], "use page_mapping(): page->mapping may carry tag bits")
