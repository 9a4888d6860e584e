//go:build race

package extract

// The race detector maps terabytes of shadow memory, so a cap on the child's
// memory kills it at once. Race builds
// only run tests; the time limit still applies there.
const capChildMemory = false
