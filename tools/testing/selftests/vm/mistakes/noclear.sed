# SPDX-License-Identifier: GPL-2.0
# The sample releasing its pages without __ClearPageMovable(): the VM
# cannot tell that the driver let go of a page it holds isolated.
s/movable_sample/noclrdrv/g
s/\.letter = 'd'/.letter = '2'/
s/\.desc = "movable driver"/.desc = "noclrdrv: no __ClearPageMovable"/
/^\tif (PageMovable(page))$/,/^\t\t__ClearPageMovable(page);$/d
