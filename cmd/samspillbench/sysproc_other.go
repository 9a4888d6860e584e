//go:build !linux

package main

import "syscall"

// detachedProcAttr: elsewhere the server shares the terminal's signals. The
// bench reads memory figures from Linux's /proc, so Linux is where it is meant
// to run.
func detachedProcAttr() *syscall.SysProcAttr { return nil }
