# SPDX-License-Identifier: MIT
# Judge one boot's serial log. First file: the expected module lines, one
# per line; second: the serial log. Prints each guest's PASS/FAIL lines as
# "PASS scenario/guest/case" plus the runner's own verdicts on each guest
# (started, finished with a closing line whose counts match, or crashed
# when its line says expect=crash; never started when it says
# expect=refused, with one "not started" (or "ignored") line per such
# module; shut down for the reason=R on its line, poweroff by default;
# nothing for an expect=initrd module; every
# "EXPECT-LINE text" it announced is in the log as "text"), then
# "COUNTS passed failed".
# Guests are told apart by the "xeno-test NAME: start, cmdline '...'" line.
function label_of(cmd,    n, w, i, lbl) {
	n = split(cmd, w, " ")
	lbl = w[1]
	for (i = 2; i <= n; i++)
		if (w[i] ~ /^mode=/)
			lbl = lbl "-" substr(w[i], 6)
	return lbl
}
function verdict(ok, name, why) {
	if (ok) {
		print "PASS " scenario "/" name
		npass++
	} else {
		print "FAIL " scenario "/" name ": " why
		nfail++
	}
}
FNR == NR { want[++nmod] = $0; next }
{ sub(/\r$/, "") }
match($0, /^\(XEN\) \(d[0-9]+\) /) {
	d = substr($0, 9, RLENGTH - 10)
	text = substr($0, RLENGTH + 1)
	if (text ~ /^xeno-test [^ :]+: start, cmdline '.*'$/) {
		c = text
		sub(/^xeno-test [^ :]+: start, cmdline '/, "", c)
		sub(/'$/, "", c)
		cmd[d] = c
		label[d] = label_of(c)
		started[d] = 1
	} else if (text ~ /^(PASS|FAIL) /) {
		lbl = (d in label) ? label[d] : "d" d
		print substr(text, 1, 5) scenario "/" lbl "/" substr(text, 6)
		if (text ~ /^PASS/) {
			dpass[d]++
			npass++
		} else {
			dfail[d]++
			nfail++
		}
	} else if (text ~ /^[0-9]+ passed, [0-9]+ failed$/) {
		closing[d] = text
	} else if (text ~ /^EXPECT-LINE /) {
		expected[d, ++nexpected[d]] = substr(text, 13)
	}
	seen[d, text] = 1
	next
}
/^\(XEN\) (domain [0-9]+: .*; not started|module [0-9]+ .*: ignored)\r?$/ {
	nr_refused_log++
}
/^\(XEN\) domain [0-9]+: shut down \([a-z_]+\)/ {
	n = $3
	sub(/:$/, "", n)
	r = $0
	sub(/^.*shut down \(/, "", r)
	sub(/\).*$/, "", r)
	reason[n] = r
}
/^\(XEN\) domain [0-9]+:? .*crash/ {
	n = $3
	sub(/:$/, "", n)
	crashed[n] = 1
}
END {
	for (m = 1; m <= nmod; m++) {
		found = ""
		for (d in cmd)
			if (cmd[d] == want[m] && !(d in used)) {
				if (found == "" || d + 0 < found + 0)
					found = d
			}
		lbl = label_of(want[m])
		if (want[m] ~ /(^| )expect=initrd( |$)/)
			continue        # data for the kernel before it, which checks it
		if (want[m] ~ /(^| )expect=refused( |$)/) {
			nr_refused_want++
			verdict(found == "", lbl "/refused", "the builder started it (d" found ")")
			if (found != "")
				used[found] = 1
			continue
		}
		if (found == "") {
			verdict(0, lbl "/started", "no 'xeno-test ... start' line for module '" want[m] "'")
			continue
		}
		used[found] = 1
		d = found
		for (k = 1; k <= nexpected[d]; k++)
			verdict((d, expected[d, k]) in seen, lbl "/expected-line-" k,
				"the log lacks '" expected[d, k] "'")
		if (want[m] ~ /(^| )expect=crash( |$)/) {
			why = "no 'domain " d " crashed' line from the hypervisor"
			if (d in closing)
				why = "finished its tests, want a crash"
			verdict((d in crashed) && !(d in closing), lbl "/crashed", why)
			continue
		}
		if (!(d in closing)) {
			verdict(0, lbl "/finished", "no closing 'N passed, N failed' line (died or hung)")
			continue
		}
		split(closing[d], w, " ")
		verdict(w[1] == dpass[d] + 0 && w[3] == dfail[d] + 0, lbl "/finished",
			"closing line '" closing[d] "' but " dpass[d] + 0 " PASS and " \
			dfail[d] + 0 " FAIL lines reached the log")
		want_reason = "poweroff"
		if (match(want[m], /(^| )reason=[a-z_]+/))
			want_reason = substr(want[m], RSTART, RLENGTH)
		sub(/^ ?reason=/, "", want_reason)
		verdict(reason[d] == want_reason, lbl "/shutdown-" want_reason,
			"the hypervisor reported '" reason[d] "'")
		if ((d in crashed) && want_reason != "crash")
			verdict(0, lbl "/not-crashed", "the hypervisor reported it crashed")
	}
	if (nr_refused_want)
		verdict(nr_refused_log + 0 == nr_refused_want, "refusals-reported",
			nr_refused_log + 0 " 'domain N: ...; not started' lines for " \
			nr_refused_want " refused images")
	print "COUNTS " npass + 0 " " nfail + 0
}
