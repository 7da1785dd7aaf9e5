# SPDX-License-Identifier: GPL-2.0
# The sample sleeping in migratepage() in MIGRATE_ASYNC: it waits (for
# "its device") before it tries its lock, where it must not wait at all.
s/movable_sample/sleepdrv/g
s/\.letter = 'd'/.letter = '3'/
s/\.desc = "movable driver"/.desc = "sleepdrv: sleeps in MIGRATE_ASYNC"/
s/#include <linux\/umm.h>/&\n#include <linux\/delay.h>/
s/^\t\tif (!spin_trylock(&sample\.lock))$/\t\tmsleep(1);\n&/
