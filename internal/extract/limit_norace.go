//go:build !race

package extract

const capChildMemory = true
