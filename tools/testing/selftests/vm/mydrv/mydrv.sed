# SPDX-License-Identifier: GPL-2.0
# samples/movable copied and renamed, as a driver author starts: its own
# name (module parameters, debugfs, the kind), letter, colour, legend.
s/movable_sample/mydrv/g
s/\.letter = 'd'/.letter = 'm'/
s/\.colour = "#2f9e44"/.colour = "#e8590c"/
s/\.desc = "movable driver"/.desc = "mydrv, a copy of the sample"/
