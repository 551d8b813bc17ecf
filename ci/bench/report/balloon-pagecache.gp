# SPDX-License-Identifier: GPL-2.0
# Balloon size over time, every run, one colour a kernel (report.py).
# Set with -e: data (folder of balloon-pagecache-<kernel>.dat: "seconds
# MiB" lines, a blank line between runs), out, mem, repeats, kernels
# ("fork fork-reclaim upstream shrinker", those with data), runs (runs a kernel, in
# the same order), target (MiB; 0 when unknown).
set terminal pngcairo size 900,520 font ',10'
set output out
set title sprintf("Balloon inflating against the page cache (%s MiB guest, TCG, %s runs a kernel)", mem, repeats)
set xlabel 'seconds since the host set the target'
set ylabel 'balloon size (MiB)'
set key bottom right
set grid
colour(k) = k eq 'fork' ? '#1b9e77' : k eq 'fork-reclaim' ? '#e7298a' : k eq 'upstream' ? '#7570b3' : '#d95f02'
file(k) = sprintf('%s/balloon-pagecache-%s.dat', data, k)
plot for [i = 1:words(kernels)] file(word(kernels, i)) using 1:2 with lines lw 2 \
	lc rgb colour(word(kernels, i)) title sprintf('%s (%s runs)', word(kernels, i), word(runs, i)), \
	(target > 0 ? target : NaN) with lines dt 2 lc rgb 'black' title (target > 0 ? 'target' : '')
