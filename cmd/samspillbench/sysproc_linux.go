package main

import "syscall"

// detachedProcAttr puts the server in a process group of its own, so a Ctrl-C in
// the terminal reaches only the bench, which then stops the server the way
// production does, with SIGTERM. Should the bench itself be killed, the kernel
// sends the server SIGTERM so it does not linger.
func detachedProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
}
