# all.tcl - run every test/*.test file (or those named on the command line,
# e.g. "tclsh test/all.tcl growth tables") and print "N passed, M failed"
# as the last line; exit non-zero on any failure.

set ::testdir [file dirname [file normalize [info script]]]
set ::in_all 1
set ::nPass 0
set ::nFail 0
set ::aFailed [list]

if {[llength $argv]} {
  set ::jjj_files [list]
  foreach a $argv { lappend ::jjj_files [file join $::testdir "$a.test"] }
} else {
  set ::jjj_files [lsort [glob -directory $::testdir *.test]]
}

foreach ::jjj_file $::jjj_files {
  set ::jjj_before [list $::nPass $::nFail]
  if {[catch {source $::jjj_file} msg]} {
    incr ::nFail
    lappend ::aFailed [file tail $::jjj_file]
    puts "! [file tail $::jjj_file] aborted: $msg"
    puts $::errorInfo
  }
  puts [format "%-28s %5d passed, %d failed" [file tail $::jjj_file] \
          [expr {$::nPass - [lindex $::jjj_before 0]}] \
          [expr {$::nFail - [lindex $::jjj_before 1]}]]
}
if {$::nFail} { puts "failed: [lsort -unique $::aFailed]" }
puts "$::nPass passed, $::nFail failed"
exit [expr {$::nFail ? 1 : 0}]
