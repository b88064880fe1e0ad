# all.tcl - run every test/*.test file (or those named on the command line,
# e.g. "tclsh test/all.tcl growth tables") and print "N passed, M failed"
# as the last line; exit non-zero on any failure.

set ::testdir [file dirname [file normalize [info script]]]
set ::in_all 1
set ::nPass 0
set ::nFail 0
set ::aFailed [list]

if {[llength $argv]} {
  set files [list]
  foreach a $argv { lappend files [file join $::testdir "$a.test"] }
} else {
  set files [lsort [glob -directory $::testdir *.test]]
}

foreach f $files {
  set before [list $::nPass $::nFail]
  if {[catch {source $f} msg]} {
    incr ::nFail
    lappend ::aFailed [file tail $f]
    puts "! [file tail $f] aborted: $msg"
    puts $::errorInfo
  }
  puts [format "%-28s %5d passed, %d failed" [file tail $f] \
          [expr {$::nPass - [lindex $before 0]}] \
          [expr {$::nFail - [lindex $before 1]}]]
}
if {$::nFail} { puts "failed: [lsort -unique $::aFailed]" }
puts "$::nPass passed, $::nFail failed"
exit [expr {$::nFail ? 1 : 0}]
