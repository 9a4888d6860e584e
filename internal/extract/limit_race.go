//go:build race

package extract

// The race detector reserves terabytes of address space for its shadow
// memory, so a cap on the address space kills the child at once. Race builds
// only run tests; the time limit still applies there.
const capChildMemory = false
