# SPDX-License-Identifier: GPL-2.0
# inflate + deflate a run, one point a run, one series a hold-off
# (report.py). Set with -e: data (balloon-churn.dat: "mode run pages
# seconds", two blank lines between series), out, mem, modes (the
# hold-offs in ms, in the file's order; "R" before one marks the reclaim
# trigger's series, the rest are the OOM notifier's).
set terminal pngcairo size 800,450 font ',10'
set output out
set title sprintf("Balloon churn while memhog runs (fork kernel, %s MiB guest, TCG)", mem)
set xlabel 'run'
set ylabel 'balloon_inflate + balloon_deflate (pages)' noenhanced
set xtics 1
set yrange [0:*]
set key top right
set grid
n = words(modes)
label(m) = m[1:1] eq 'R' ? sprintf('reclaim trigger, hold-off %s ms', m[2:]) : sprintf('OOM notifier, hold-off %s ms', m)
plot for [i = 0:n - 1] data index i using ($2 + i * 0.15 - 0.225):3 with points pt 7 ps 1.5 \
	title label(word(modes, i + 1))
