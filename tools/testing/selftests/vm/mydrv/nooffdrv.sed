# SPDX-License-Identifier: GPL-2.0
# As mydrv.sed, but the kind is registered without its "series off"
# switch (the module parameter is still there): `--ab` must say so.
s/movable_sample/nooffdrv/g
s/\.letter = 'd'/.letter = 'n'/
s/\.colour = "#2f9e44"/.colour = "#1098ad"/
s/\.desc = "movable driver"/.desc = "nooffdrv, no off switch"/
/\.off = "nooffdrv\.movable=0",/d
