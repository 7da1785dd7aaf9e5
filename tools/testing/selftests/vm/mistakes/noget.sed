# SPDX-License-Identifier: GPL-2.0
# The sample with the commonest mistake: migratepage() takes no
# reference of its own to the new page (no get_page(newpage)), so the
# VM's put_page() frees a page the driver still uses.
s/movable_sample/nogetdrv/g
s/\.letter = 'd'/.letter = '1'/
s/\.desc = "movable driver"/.desc = "nogetdrv: no get_page(newpage)"/
/^\tget_page(newpage);$/d
