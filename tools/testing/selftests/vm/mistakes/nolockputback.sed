# SPDX-License-Identifier: GPL-2.0
# The sample's putback_page() without the driver's lock: it puts the
# page back on a list that its other paths change at the same time.
s/movable_sample/nolockdrv/g
s/\.letter = 'd'/.letter = '4'/
s/\.desc = "movable driver"/.desc = "nolockdrv: putback without its lock"/
/^static void sample_putback_page/,/^}/{
/spin_lock(&sample\.lock);/d
/spin_unlock(&sample\.lock);/d
}
