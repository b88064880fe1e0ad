#!/bin/sh
# Tcl (the test harness's host): the SQL path, SELECT load_extension().
. test/hosts/lib.sh
apt_need tcl libsqlite3-tcl
exec tclsh test/hosts/tcl.tcl "$JJJ_CHECKS" "$JJJ_EXT"
