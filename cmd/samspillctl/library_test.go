package main

import "testing"

func TestSeedBenchLibrary(t *testing.T) {
	t.Parallel()
	env := embedded(t)
	ctl(t, env, nil, "seed-bench", "--users", "25", "--network-members", "25", "--library-resources", "30").
		check(t, 0, "benchmark library: 30 resources added", "")
	ctl(t, env, nil, "seed-bench", "--users", "25", "--network-members", "25", "--library-resources", "30").
		check(t, 0, "benchmark library: 0 resources added", "")
	ctl(t, env, nil, "seed-bench", "--library-resources", "-1").check(t, 2, "", "--library-resources must be between 0 and 1000000")
}
