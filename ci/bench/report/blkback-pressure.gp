# SPDX-License-Identifier: GPL-2.0
# dom0 pswpout a round, one column a (kernel, squeeze duration)
# (report.py). Set with -e: data (blkback-pressure.dat: "column round
# pswpout", two blank lines between columns), tics (blkback-pressure.tics:
# "column label"), out, vbds, columns.
set terminal pngcairo size 900,480 font ',10'
set output out
set title sprintf("dom0 pswpout while memhog runs (one point a round, %s vbds, TCG)", vbds)
set bmargin 4
set ylabel 'pswpout (pages)'
set xrange [-0.5:columns - 0.5]
set yrange [0:*]
set key off
set grid ytics
plot tics using 1:(NaN):xtic(2) notitle, \
	for [i = 0:columns - 1] data index i using ($1 + ($2 - 1) * 0.1):3 with points pt 7 ps 1.5
